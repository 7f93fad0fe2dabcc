// Runs in a worker thread (see http-load.ts), so the load generator has its own event loop and does not
// queue behind the server it measures.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad } from './load.js';
import type { HttpLoadOptions, HttpLoadResult } from './http-load.js';

interface Answer {
  status: number;
  body: string;
}

function post(agent: http.Agent, url: URL, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const statusCounts: Record<string, number> = {};
  let failures = 0;
  let firstFailure: HttpLoadResult['firstFailure'] = null;
  const once = async (i: number) => {
    let answer: Answer;
    try {
      answer = await post(agent, url, options.bodies[i % options.bodies.length] ?? '{}');
    } catch (error) {
      answer = { status: 0, body: `network error: ${(error as Error).message}` };
    }
    statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
    if (answer.status !== 201) {
      failures++;
      firstFailure ??= answer;
    }
  };
  await runLoad(options.concurrency, options.warmup, once);
  for (const key of Object.keys(statusCounts)) delete statusCounts[key];
  const warmupFailures = failures;
  parentPort?.postMessage({ type: 'measuring' });
  const elu = performance.eventLoopUtilization();
  const run = await runLoad(options.concurrency, options.total, (i) => once(options.warmup + i));
  const clientLoopPct = 100 * performance.eventLoopUtilization(elu).utilization;
  agent.destroy();
  return { ...run, failures, warmupFailures, firstFailure, statusCounts, clientLoopPct };
}

const port = parentPort;
if (!port) throw new Error('http-load-worker.ts must run in a worker thread');
const result = await main(workerData as HttpLoadOptions);
port.postMessage({ type: 'result', result }, [result.latenciesMs.buffer as ArrayBuffer]);
