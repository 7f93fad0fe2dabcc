import { Worker } from 'node:worker_threads';
import type { LoadRun } from './load.js';

export interface HttpLoadOptions {
  /** Full URL to POST to. */
  url: string;
  concurrency: number;
  /** Requests sent first and not measured. */
  warmup: number;
  /** Measured requests. */
  total: number;
  /** JSON bodies, used in turn. */
  bodies: string[];
}

export interface HttpLoadResult extends LoadRun {
  /** Non-201 answers (and network errors, as status 0), warm-up included. */
  failures: number;
  warmupFailures: number;
  firstFailure: { status: number; body: string } | null;
  /** Status code → count, measured requests only. */
  statusCounts: Record<string, number>;
  /** Event-loop utilisation of the load generator's thread during the measured run, 0–100. */
  clientLoopPct: number;
}

/**
 * Runs the HTTP load from a worker thread with keep-alive connections, one per concurrent client. The worker
 * is TypeScript: tsx's hooks are registered inside it first, since Node 20 workers do not inherit them.
 */
export function runHttpLoad(options: HttpLoadOptions, onMeasureStart?: () => void): Promise<HttpLoadResult> {
  const entry = new URL('./http-load-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: options });
    let settled = false;
    worker.on('message', (message: { type: 'measuring' } | { type: 'result'; result: HttpLoadResult }) => {
      if (message.type === 'measuring') {
        onMeasureStart?.();
        return;
      }
      settled = true;
      resolve(message.result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the HTTP load worker exited with code ${code} before reporting`));
    });
  });
}
