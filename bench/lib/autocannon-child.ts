/**
 * One autocannon run in a process of its own (started by fixed-rate-load.ts): the load generator competes for
 * the same cores as the server, as a client on the same machine would, but never for the server's event loop.
 * Gets its job over IPC, answers with the result and exits.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadOutcome, MixRequest } from './fixed-rate-load.js';

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Part {
  connections: number;
  rate: number;
  /** ms after the run's start. */
  delay: number;
}

/**
 * How the run is split among autocannon instances. autocannon keeps a rate per connection by letting each one
 * send its share of the second back to back, then wait for the next second; every connection's second starts
 * when the run does. `burst`: one instance, as `autocannon -R` runs (each second opens with every connection
 * sending at once). `paced`: one instance per connection, started at even steps over the first second, so the
 * seconds of the connections are spread out and so are their requests: the same rate over the same number of
 * connections, arriving the way independent clients do.
 */
function partsOf(job: LoadJob): Part[] {
  if (job.mode === 'burst') return [{ connections: job.connections, rate: job.rate, delay: 0 }];
  const count = Math.min(job.connections, job.rate);
  return Array.from({ length: count }, (_, i) => ({
    connections: 1,
    // the rate shared out as autocannon shares it among connections
    rate: Math.floor(job.rate / count) + (i < job.rate % count ? 1 : 0),
    delay: (i * 1000) / count,
  }));
}

function runPart(
  job: LoadJob,
  part: Part,
  onResponse: (status: number, ms: number) => void,
): Promise<{ requests: number; errors: number }> {
  const pick = (): MixRequest => job.requests[Math.floor(Math.random() * job.requests.length)]!;
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      const instance = autocannon(
        {
          url: job.baseUrl,
          connections: part.connections,
          duration: job.rampSeconds + job.seconds,
          overallRate: part.rate,
          // latencies are taken below from each response as it comes, in fractions of a ms
          ignoreCoordinatedOmission: true,
          timeout: 10,
          requests: [
            {
              method: 'GET',
              setupRequest: (request) => {
                const next = pick();
                return { ...request, path: next.path, headers: next.headers };
              },
            },
          ],
        },
        (error, result) => {
          if (error) return reject(error);
          resolve({ requests: result.requests.total, errors: result.errors + result.timeouts });
        },
      );
      instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
    }, part.delay);
  });
}

/**
 * The first `rampSeconds` are load without measurement: the paced connections start over the first second and
 * this process compiles autocannon's code while it sends, so its first second measures its own start-up. What is
 * measured are the answers to requests sent in the `seconds` after the ramp, every connection running.
 */
async function run(job: LoadJob): Promise<LoadOutcome> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let measured = 0;
  let non2xx = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const startedUs = Number(process.hrtime.bigint() / 1000n);
  const from = started + job.rampSeconds * 1000;
  const until = from + job.seconds * 1000;
  const onResponse = (status: number, ms: number) => {
    const sent = performance.now() - ms;
    if (sent < from || sent >= until) return;
    measured++;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) latencies.push(ms);
    else non2xx++;
  };
  const parts = await Promise.all(partsOf(job).map((part) => runPart(job, part, onResponse)));
  const sorted = Float64Array.from(latencies).sort();
  const used = process.cpuUsage(cpu);
  // performance.now() counts on the monotonic clock too, from the process's start
  const toMonotonicUs = (at: number) => startedUs + Math.round((at - started) * 1000);
  return {
    rate: job.rate,
    mode: job.mode,
    seconds: job.seconds,
    requests: measured,
    allRequests: parts.reduce((n, p) => n + p.requests, 0),
    perSecond: measured / job.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    non2xx,
    errors: parts.reduce((n, p) => n + p.errors, 0),
    statuses,
    loadCpuMs: (used.user + used.system) / 1000,
    window: { startUs: toMonotonicUs(from), endUs: toMonotonicUs(until) },
  };
}

// the bench went away (Ctrl-C): no one is waiting for the result
process.once('disconnect', () => process.exit(1));
process.once('message', (job: LoadJob) => {
  run(job).then(
    (outcome) => process.send?.(outcome, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
