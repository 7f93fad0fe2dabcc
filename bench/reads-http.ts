/**
 * Sigap read benchmark: the public feed, an officer's queue and a citizen's own report, read through the real
 * server over a city-sized report table, under autocannon at a fixed rate, next to `/healthz` (one `select 1`:
 * the ceiling of this server on this machine). See bench/README.md.
 *
 *   npm run bench:reads                    # loads 1M reports once (a few minutes), then ~10 min of load
 *   BENCH_PROFILE=1 npm run bench:reads    # instead: a CPU profile of the server per route, at the base rate
 */
import { mkdir, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCityContext } from '../server/src/services/app/city-context.js';
import { summariseProfile } from './lib/cpu-profile.js';
import { DEFAULT_ADMIN_URL, describeUrl } from './lib/database.js';
import { type LoadMode, type LoadOutcome, type MixRequest, runFixedRate } from './lib/fixed-rate-load.js';
import {
  BENCH_VAULT_KEY,
  citizenReports,
  ensureReadFixture,
  OFFICER_PASSWORD,
  quietEscalations,
  type ReadFixture,
} from './lib/read-fixture.js';
import { type CpuUse, countCpu } from './lib/process-cpu.js';
import { backgroundLoad, measureResources, type ResourceUse } from './lib/resources.js';
import { type ServerProcess, startServerProcess } from './lib/server-process.js';
import { fixed, ms, printTable } from './lib/table.js';

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

const ROUTES = ['healthz', 'feed', 'queue', 'citizen'] as const;
type RouteKey = (typeof ROUTES)[number];

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  database: process.env.BENCH_READS_DB || 'sigap_bench_reads',
  rows: envInt('BENCH_SCALE_ROWS', 1_000_000, 1000),
  workers: envInt('BENCH_WORKERS', 1, 1),
  rate: envInt('BENCH_RATE', 500, 1),
  connections: envInt('BENCH_CONNECTIONS', 50, 1),
  seconds: envInt('BENCH_SECONDS', 20, 1),
  searchSeconds: envInt('BENCH_SEARCH_SECONDS', 10, 1),
  rampSeconds: envInt('BENCH_RAMP_SECONDS', 2, 0),
  p99Ms: envInt('BENCH_P99_MS', 25, 1),
  profile: process.env.BENCH_PROFILE === '1',
  routes: routesOf(process.env.BENCH_ROUTES),
};

function routesOf(raw: string | undefined): RouteKey[] {
  if (!raw) return [...ROUTES];
  const keys = raw.split(',').map((k) => k.trim());
  for (const k of keys)
    if (!(ROUTES as readonly string[]).includes(k))
      throw new Error(`BENCH_ROUTES: "${k}" is not one of ${ROUTES.join(', ')}`);
  return keys as RouteKey[];
}

const WARMUP_SECONDS = 3;
const WARMUP_RATE = 200;
/** A run passes when it answered at least this share of the asked rate, all 2xx, with p99 within the target. */
const ANSWERED_SHARE = 0.95;
const MIN_RATE = 25;
const MAX_RATE = 20_000;
/** Bisect until the failing rate is within this factor of the passing one. */
const SEARCH_PRECISION = 1.12;
const MAX_BISECTIONS = 4;
const CITIZEN_REPORTS = 2000;
/** Node's own name for a profile: CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the main thread is 0. */
const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;
const PAGE = 20;

const LABELS: Record<RouteKey, string> = {
  healthz: 'GET /healthz (select 1: ceiling)',
  feed: 'public feed',
  queue: 'officer queue',
  citizen: "citizen's own report",
};

// ---- The request mixes --------------------------------------------------------------------------------------

async function getJson(base: string, request: MixRequest): Promise<Record<string, unknown>> {
  const response = await fetch(base + request.path, { headers: request.headers });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200)
    throw new Error(`GET ${request.path} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The first `pages` pages of a list, following its cursors: one request per page, as a client pages through. */
async function pagesOf(base: string, first: MixRequest, pages: number): Promise<MixRequest[]> {
  const out: MixRequest[] = [];
  let request: MixRequest | null = first;
  while (request && out.length < pages) {
    const body = await getJson(base, request);
    if (!Array.isArray(body.items) || body.items.length === 0)
      throw new Error(`GET ${request.path} answered no items`);
    out.push(request);
    const cursor = body.nextCursor;
    const sep = first.path.includes('?') ? '&' : '?';
    request =
      typeof cursor === 'string'
        ? { ...first, path: `${first.path}${sep}cursor=${encodeURIComponent(cursor)}` }
        : null;
  }
  return out;
}

/** Copies of a request, so that it comes up as often as people ask for it (the first page most). */
const weighted = (request: MixRequest, times: number) => Array.from({ length: times }, () => request);

/**
 * The public feed as it is read: mostly its first page, then later pages by cursor, by kota, by category, by
 * status.
 */
async function feedMix(base: string, kotas: string[], categories: string[]): Promise<MixRequest[]> {
  const plain = await pagesOf(base, { path: `/api/v1/public/reports?limit=${PAGE}`, headers: {} }, 30);
  const mix = [...weighted(plain[0]!, 10), ...plain.slice(1)];
  for (const kota of kotas)
    mix.push(...(await pagesOf(base, { path: `/api/v1/public/reports?kota=${kota}`, headers: {} }, 3)));
  for (const category of categories)
    mix.push(
      ...(await pagesOf(base, { path: `/api/v1/public/reports?category=${category}`, headers: {} }, 2)),
    );
  mix.push(...(await pagesOf(base, { path: '/api/v1/public/reports?status=proses', headers: {} }, 3)));
  return mix;
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: OFFICER_PASSWORD }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token)
    throw new Error(`signing in ${username} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.token;
}

/** Every officer's queue: their open queue's first pages, then Proses only, then overdue only. */
async function queueMix(base: string, fixture: ReadFixture): Promise<MixRequest[]> {
  const mix: MixRequest[] = [];
  for (const officer of fixture.officers) {
    const headers = { authorization: `Bearer ${await signIn(base, officer.username)}` };
    const open = await pagesOf(base, { path: `/api/v1/officer/queue?limit=${PAGE}`, headers }, 5);
    mix.push(...weighted(open[0]!, 4), ...open.slice(1));
    for (const extra of ['status=proses', 'overdue=true']) {
      const body = await getJson(base, { path: `/api/v1/officer/queue?${extra}`, headers });
      if (Array.isArray(body.items) && body.items.length > 0)
        mix.push({ path: `/api/v1/officer/queue?${extra}`, headers });
    }
  }
  return mix;
}

/** Citizens opening their own reports: random reports over the whole table, each with its owner's token. */
async function citizenMix(base: string, fixture: ReadFixture): Promise<MixRequest[]> {
  const picked = await citizenReports(fixture, CITIZEN_REPORTS);
  const mix = picked.map(({ ticket, token }) => ({
    path: `/api/v1/reports/${ticket}`,
    headers: { authorization: `Bearer ${token}` },
  }));
  // the owner's view, not the public one: it carries the exact location and the anonymity flag
  for (const request of mix.slice(0, 5)) {
    const body = await getJson(base, request);
    if (!('anonymous' in body)) throw new Error(`GET ${request.path} did not answer the reporter's own view`);
  }
  return mix;
}

// ---- Runs ---------------------------------------------------------------------------------------------------

const passes = (o: LoadOutcome) =>
  o.non2xx === 0 && o.errors === 0 && o.perSecond >= ANSWERED_SHARE * o.rate && o.p99 <= settings.p99Ms;

const pause = (msDelay: number) => new Promise((resolve) => setTimeout(resolve, msDelay));

function describe(o: LoadOutcome): string {
  const failures = o.non2xx + o.errors > 0 ? `, ${o.non2xx} non-2xx, ${o.errors} errors` : '';
  return (
    `${String(o.rate).padStart(5)} req/s ${o.mode}: ${fixed(o.perSecond, 0).padStart(5)} answered/s, ` +
    `p50 ${ms(o.p50)} ms, p99 ${ms(o.p99)} ms${failures} → ${passes(o) ? 'pass' : 'FAIL'}`
  );
}

interface RouteResult {
  key: RouteKey;
  base: LoadOutcome;
  /** The same rate as autocannon -R keeps it: every connection's share at the start of each second. */
  burst: LoadOutcome;
  use: ResourceUse;
  cpu: CpuUse;
  capacity: LoadOutcome | null;
}

async function load(
  server: ServerProcess,
  requests: MixRequest[],
  rate: number,
  seconds: number,
  mode: LoadMode = 'paced',
) {
  return runFixedRate({
    baseUrl: `http://127.0.0.1:${server.port}`,
    requests,
    rate,
    connections: settings.connections,
    seconds,
    rampSeconds: settings.rampSeconds,
    mode,
  });
}

/** The highest rate with p99 within the target: doubling (or halving) from the base run, then bisecting. */
async function searchCapacity(
  server: ServerProcess,
  requests: MixRequest[],
  base: LoadOutcome,
): Promise<LoadOutcome | null> {
  let lo: LoadOutcome | null = passes(base) ? base : null;
  let hi: number | null = passes(base) ? null : base.rate;
  const probe = async (rate: number) => {
    await pause(1000);
    const o = await load(server, requests, rate, settings.searchSeconds);
    console.log(`    ${describe(o)}`);
    if (passes(o)) lo = o;
    else hi = rate;
  };
  while (!(lo && hi)) {
    const rate: number = lo ? lo.rate * 2 : Math.floor(hi! / 2);
    if (rate > MAX_RATE || rate < MIN_RATE) break;
    await probe(rate);
  }
  for (let i = 0; i < MAX_BISECTIONS && lo && hi && hi / lo.rate > SEARCH_PRECISION; i++) {
    const middle = (lo.rate + hi) / 2;
    // round numbers where the range is wide, never a rate already tried
    const rate = hi - lo.rate > 100 ? Math.round(middle / 10) * 10 : Math.round(middle);
    if (rate <= lo.rate || rate >= hi) break;
    await probe(rate);
  }
  return lo;
}

/** Every distinct request of the mix once, one after another: the median alone and the slowest three. */
async function alone(server: ServerProcess, requests: MixRequest[]): Promise<string> {
  const base = `http://127.0.0.1:${server.port}`;
  const distinct = [
    ...new Map(requests.map((r) => [`${r.path} ${r.headers.authorization ?? ''}`, r])).values(),
  ];
  const timed: { path: string; ms: number }[] = [];
  for (const request of distinct.slice(0, 200)) {
    const started = performance.now();
    await getJson(base, request);
    timed.push({ path: request.path, ms: performance.now() - started });
  }
  timed.sort((a, b) => a.ms - b.ms);
  const median = timed[Math.floor(timed.length / 2)]!.ms;
  const slowest = timed
    .slice(-3)
    .reverse()
    .map((t) => `${ms(t.ms)} ms ${t.path.slice(0, 70)}`);
  return `alone: median ${ms(median)} ms over ${timed.length} distinct requests; slowest: ${slowest.join('; ')}`;
}

async function measureRoute(
  key: RouteKey,
  server: ServerProcess,
  requests: MixRequest[],
  search: boolean,
): Promise<RouteResult> {
  console.log(`\n  ${LABELS[key]}: ${requests.length} requests in the mix`);
  await load(server, requests, WARMUP_RATE, WARMUP_SECONDS);
  console.log(`    ${await alone(server, requests)}`);
  await pause(1000);
  const stop = measureResources(server.pids);
  const stopCpu = countCpu(server.pids, settings.database);
  const base = await load(server, requests, settings.rate, settings.seconds);
  const cpu = stopCpu();
  const use = stop();
  console.log(`    ${describe(base)} (${settings.seconds} s)`);
  await pause(1000);
  const burst = await load(server, requests, settings.rate, settings.seconds, 'burst');
  console.log(`    ${describe(burst)} (${settings.seconds} s)`);
  const capacity = search ? await searchCapacity(server, requests, base) : null;
  return { key, base, burst, use, cpu, capacity };
}

// ---- Main ---------------------------------------------------------------------------------------------------

function printResults(results: RouteResult[]): void {
  const ceiling = results.find((r) => r.key === 'healthz')?.capacity?.rate ?? NaN;
  console.log(
    `\nReads under load: autocannon, ${settings.connections} connections, ${settings.rate} req/s for ${settings.seconds} s, ` +
      `paced (each connection's second starting at its own moment) and burst (as autocannon -R: all at once);\n` +
      `capacity = the highest paced rate with p99 ≤ ${settings.p99Ms} ms, every answer 2xx and ≥ ${ANSWERED_SHARE * 100}% ` +
      `of the rate answered (searched in ${settings.searchSeconds} s runs)\n`,
  );
  printTable(
    [
      'route',
      `p50 @${settings.rate}`,
      `p99 @${settings.rate}`,
      `burst p50/p99`,
      'server CPU ms/req',
      'PG CPU ms/req',
      'capacity req/s',
      '× ceiling',
    ],
    results.map((r) => [
      LABELS[r.key],
      ms(r.base.p50),
      ms(r.base.p99),
      `${ms(r.burst.p50)} / ${ms(r.burst.p99)}`,
      ms(r.cpu.serverMs / r.base.allRequests),
      ms(r.cpu.databaseMs / r.base.allRequests),
      r.capacity ? String(r.capacity.rate) : `< ${MIN_RATE * 2}`,
      r.capacity ? fixed(r.capacity.rate / ceiling, 2) : '-',
    ]),
  );
  // everything but the server, the bench database's backends and the load generator: other programs' work
  const others = (r: RouteResult) =>
    (r.use.machineMs - r.cpu.serverMs - r.cpu.databaseMs - r.base.loadCpuMs) /
    r.use.seconds /
    10 /
    os.cpus().length;
  console.log(
    `\n  CPU per request: the server's processes, and the PostgreSQL backends of ${settings.database}.` +
      `\n  Other programs took up to ${fixed(Math.max(...results.map(others)), 0)}% of the machine during the ` +
      `${settings.rate} req/s runs; the load generator ${fixed(Math.max(...results.map((r) => r.base.loadCpuMs / r.base.allRequests)), 2)} ms a request.`,
  );
}

async function profileRoutes(
  fixture: ReadFixture,
  dataDir: string,
  mixes: Map<RouteKey, MixRequest[]>,
): Promise<void> {
  const dir = path.join(dataDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(dir, { recursive: true });
  for (const key of settings.routes) {
    // one folder per route: Node names each thread's profile itself (the module loader's thread has one too)
    const routeDir = path.join(dir, key);
    const server = await startServer(fixture, dataDir, ['--cpu-prof', `--cpu-prof-dir=${routeDir}`]);
    let result: RouteResult;
    try {
      result = await measureRoute(key, server, mixes.get(key)!, false);
    } finally {
      await server.stop();
    }
    const main = (await readdir(routeDir)).find((f) => MAIN_THREAD_PROFILE.test(f));
    if (!main) throw new Error(`no profile of the server's main thread in ${routeDir}`);
    const file = path.join(routeDir, main);
    const summary = await summariseProfile(file, result.base.window, result.base.requests);
    console.log(
      `\n  ${LABELS[key]}: the server's main thread was busy ${fixed(summary.busyUsPerRequest, 0)} µs per request ` +
        `(${result.base.requests} requests; profile ${file})`,
    );
    const share = (rows: typeof summary.byPlace) =>
      rows.map((s) => [s.label, fixed(s.usPerRequest, 1), fixed(s.pct, 1)]);
    console.log('\n  self time by place');
    printTable(['', 'µs/req', '%'], share(summary.byPlace), '    ');
    console.log('\n  self time by function');
    printTable(['', 'µs/req', '%'], share(summary.bySelf), '    ');
    console.log('\n  inclusive time (the server and its HTTP stack)');
    printTable(['', 'µs/req', '%'], share(summary.byInclusive), '    ');
  }
}

/** Servers running now, stopped on Ctrl-C. */
const running = new Set<ServerProcess>();
process.once('SIGINT', () => {
  void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
});

async function startServer(
  fixture: ReadFixture,
  dataDir: string,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const server = await startServerProcess({
    databaseUrl: fixture.url,
    dataDir,
    workers: settings.profile ? 1 : settings.workers,
    env: { SIGAP_VAULT_KEY: BENCH_VAULT_KEY },
    nodeArgs,
  });
  running.add(server);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      running.delete(server);
    },
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  console.log('Sigap read benchmark: public feed, officer queue and citizen report under load');
  // kept between runs: the trained category model the server loads at start
  const dataDir = path.join(os.tmpdir(), 'sigap-bench-reads');
  await mkdir(dataDir, { recursive: true });

  console.log(
    `  ${settings.rows.toLocaleString('en')} reports in ${settings.database} on ${describeUrl(settings.adminUrl)} …`,
  );
  const fixture = await ensureReadFixture(settings.adminUrl, settings.database, settings.rows, dataDir);
  console.log(
    fixture.reused
      ? '  reused the database loaded by an earlier run (BENCH_RELOAD=1 loads it again)'
      : `  loaded in ${fixed(fixture.loadSeconds, 0)} s (reports, sealed identities, histories, officers)`,
  );
  const quieted = await quietEscalations(fixture.url);
  if (quieted > 0) console.log(`  ${quieted} open reports no longer due for escalation during the run`);

  const city = await loadCityContext(null);
  const kotas = [...city.city.regions.values()]
    .filter((r) => r.level === 'kota')
    .map((r) => r.code)
    .sort();
  const categories = [...city.city.categories.keys()].sort().filter((_, i) => i % 3 === 0);

  const server = await startServer(fixture, dataDir);
  let serverStopped = false;
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const mixes = new Map<RouteKey, MixRequest[]>([
      ['healthz', [{ path: '/healthz', headers: {} }]],
      ['feed', await feedMix(base, kotas, categories)],
      ['queue', await queueMix(base, fixture)],
      ['citizen', await citizenMix(base, fixture)],
    ]);
    const busy = await backgroundLoad();
    console.log(
      `  server: sigap start, ${settings.profile ? 1 : settings.workers} process(es), on ${base}; ${os.cpus().length} CPUs, ` +
        `Node ${process.version}; load average ${os
          .loadavg()
          .map((l) => fixed(l, 2))
          .join(' ')}; ` +
        `machine busy before the run: ${fixed(busy, 0)}% of all cores`,
    );
    if (settings.profile) {
      await server.stop();
      serverStopped = true;
      await profileRoutes(fixture, dataDir, mixes);
    } else {
      const results: RouteResult[] = [];
      for (const key of settings.routes) results.push(await measureRoute(key, server, mixes.get(key)!, true));
      printResults(results);
    }
  } finally {
    if (!serverStopped) await server.stop();
  }
  console.log(`\ndone in ${fixed((Date.now() - started) / 1000, 0)} s`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
