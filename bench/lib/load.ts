import { performance } from 'node:perf_hooks';

/** What one measured run produced: per-operation latencies (ms) and the wall time of the whole run. */
export interface LoadRun {
  latenciesMs: Float64Array;
  seconds: number;
}

export interface LoadSummary {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Closed-loop load: `concurrency` workers each take the next operation number until `total` have been started,
 * so there are never more than `concurrency` operations in flight. Every operation is timed on its own.
 * An operation that throws stops the run (the caller decides what counts as a failure).
 */
export async function runLoad(
  concurrency: number,
  total: number,
  op: (i: number) => Promise<void>,
): Promise<LoadRun> {
  const latenciesMs = new Float64Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      await op(i);
      latenciesMs[i] = performance.now() - start;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latenciesMs, seconds: (performance.now() - start) / 1000 };
}

/** Nearest-rank percentile (p in 0..100) of an ascending array. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

export function summarize(run: LoadRun): LoadSummary {
  const sorted = Float64Array.from(run.latenciesMs).sort();
  return {
    count: sorted.length,
    seconds: run.seconds,
    perSecond: sorted.length / run.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Median wall time (ms) of `runs` sequential calls. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}
