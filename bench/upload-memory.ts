/**
 * The server's memory while it takes large uploads: `sigap start` (embedded engine, no demo data) in its own
 * process, its resident set size (RSS, from /proc) sampled every 20 ms, idle first, then under each scenario:
 * one and four concurrent requests of six large files each (refused at the request's byte cap), four of two
 * (received whole, then refused as no photo or video), and four concurrent requests of five real photos each
 * (accepted, derived and stored), and four of five flat PNGs just under the pixel cap (the most decoding a
 * request may ask for). Prints figures, no thresholds.
 *
 *   cd server && npm run bench:uploads
 *
 * BENCH_UPLOAD_FILE_MB (default 49): the size of each of the six large files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startServerProcess } from './lib/server-process.js';

const MB = 1024 * 1024;
const FILE_MB = Number(process.env.BENCH_UPLOAD_FILE_MB ?? 49);
const REPORT = {
  text: 'Jalan berlubang besar di depan halte',
  lat: -6.1754,
  lng: 106.8272,
  category: 'jalan',
};

/** The resident set of a process, in bytes (VmRSS). */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples `pid`'s RSS while `work` runs; returns the peak and what `work` returned. */
async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ peak: number; result: T }> {
  let peak = rss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 20);
  try {
    const result = await work();
    peak = Math.max(peak, rss(pid));
    return { peak, result };
  } finally {
    clearInterval(timer);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function idleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    samples.push(rss(pid));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return median(samples);
}

/** A phone-sized photo with sensor-like noise (so it compresses like a photo, not like a flat picture). */
async function noisyPhoto(seed: number): Promise<Buffer> {
  const width = 3000;
  const height = 2250;
  const pixels = randomBytes(width * height * 3);
  pixels[0] = seed;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

function form(files: Array<{ blob: Blob; name: string }>): FormData {
  const body = new FormData();
  body.append('payload', JSON.stringify(REPORT));
  for (const f of files) body.append('files', f.blob, f.name);
  return body;
}

async function send(url: string, body: FormData): Promise<string> {
  try {
    const response = await fetch(`${url}/api/v1/reports`, { method: 'POST', body });
    const text = await response.text();
    const code = /"code":"([a-z_]+)"/.exec(text)?.[1];
    return code ? `${response.status} ${code}` : String(response.status);
  } catch (error) {
    // the server closes a connection whose body it will not read (past a cap) as soon as it has answered
    return `closed (${(error as Error).cause ? String((error as { cause: Error }).cause.message) : 'fetch failed'})`;
  }
}

async function filesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

const mb = (bytes: number) =>
  bytes < MB ? `${Math.round(bytes / 1024)} kB` : `${Math.round(bytes / MB)} MB`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sigap-bench-uploads-'));
  const server = await startServerProcess({
    databaseUrl: '',
    dataDir,
    workers: 1,
    env: { LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${server.port}`;
  const pid = server.pids()[0]!;
  try {
    // one warm-up report, so first-use work (model, caches) is not counted as the uploads' memory
    await send(url, form([{ blob: new Blob([new Uint8Array(await noisyPhoto(0))]), name: 'a.jpg' }]));
    const large = new Blob([new Uint8Array(randomBytes(FILE_MB * MB))]);
    const largeFiles = (n: number) =>
      form(Array.from({ length: n }, (_, i) => ({ blob: large, name: `besar-${i}.mp4` })));
    const photos = await Promise.all([1, 2, 3, 4, 5].map((seed) => noisyPhoto(seed)));
    const photoBlobs = photos.map((p) => new Blob([new Uint8Array(p)]));
    const fivePhotos = () => form(photoBlobs.map((blob, i) => ({ blob, name: `foto-${i}.jpg` })));
    // just under the pixel cap, a few hundred kilobytes each: the most pixels a request may make the server decode
    const nearCap = new Blob([
      new Uint8Array(
        await sharp({ create: { width: 5_700, height: 4_300, channels: 3, background: '#3a6' } })
          .png({ compressionLevel: 9 })
          .toBuffer(),
      ),
    ]);
    const fiveNearCap = () => form([0, 1, 2, 3, 4].map((i) => ({ blob: nearCap, name: `penuh-${i}.png` })));

    const scenarios: Array<{ name: string; sent: number; run: () => Promise<string[]> }> = [
      {
        name: `1 request, 6 × ${FILE_MB} MB`,
        sent: 6 * FILE_MB * MB,
        run: async () => [await send(url, largeFiles(6))],
      },
      {
        name: `4 requests at once, 6 × ${FILE_MB} MB each`,
        sent: 24 * FILE_MB * MB,
        run: () => Promise.all([1, 2, 3, 4].map(() => send(url, largeFiles(6)))),
      },
      {
        // under the request's cap: every byte is received before the files are looked at
        name: `4 requests at once, 2 × ${FILE_MB} MB each`,
        sent: 8 * FILE_MB * MB,
        run: () => Promise.all([1, 2, 3, 4].map(() => send(url, largeFiles(2)))),
      },
      {
        name: `4 requests at once, 5 photos each (${mb(photos.reduce((n, p) => n + p.length, 0))} a request)`,
        sent: 4 * photos.reduce((n, p) => n + p.length, 0),
        run: () => Promise.all([1, 2, 3, 4].map(() => send(url, fivePhotos()))),
      },
      {
        name: `4 requests at once, 5 PNGs of 24.5 MP each (${mb(nearCap.size * 5)} a request)`,
        sent: 20 * nearCap.size,
        run: () => Promise.all([1, 2, 3, 4].map(() => send(url, fiveNearCap()))),
      },
    ];
    console.log(`server pid ${pid}, embedded engine, data folder ${dataDir}`);
    const rows: string[][] = [];
    for (const scenario of scenarios) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const idle = await idleRss(pid);
      const { peak, result } = await peakDuring(pid, scenario.run);
      const statuses = [...new Set(result)].map((s) => `${result.filter((r) => r === s).length}× ${s}`);
      rows.push([
        scenario.name,
        mb(scenario.sent),
        mb(idle),
        mb(peak),
        `+${mb(peak - idle)}`,
        (peak / idle).toFixed(2),
        statuses.join(', '),
      ]);
    }
    const header = ['scenario', 'sent', 'idle RSS', 'peak RSS', 'peak − idle', 'peak / idle', 'answers'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    const left = await filesUnder(path.join(dataDir, 'tmp'));
    console.log(`files left in the upload area afterwards: ${left}`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
