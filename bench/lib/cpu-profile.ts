import { readFile } from 'node:fs/promises';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  label: string;
  /** CPU µs per request. */
  usPerRequest: number;
  /** Share of the process's busy time, 0–100. */
  pct: number;
}

export interface ProfileSummary {
  /** Busy (non-idle) CPU µs per request of the profiled thread. */
  busyUsPerRequest: number;
  /** Self time by where the code lives: a package, a server source file, Node's internals, GC. */
  byPlace: ProfileShare[];
  /** Self time by function. */
  bySelf: ProfileShare[];
  /** Time inside a function and what it called, for the server's own code and the HTTP stack's entry points. */
  byInclusive: ProfileShare[];
}

/** Where a frame's code lives: `pkg:name` for a dependency, the path under server/src, `node:…`, or the V8 bucket. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  const src = /server\/src\/(.+)$/.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url.replace(/^file:\/\//, '');
}

function frameLabel(f: { functionName: string; url: string; lineNumber: number }): string {
  const place = placeOf(f.url, f.functionName);
  if (!f.url) return place === '(native)' ? `${f.functionName || '(anonymous)'} (native)` : place;
  return `${f.functionName || '(anonymous)'} ${place}:${f.lineNumber + 1}`;
}

/** Frames worth an inclusive figure: the server's code and the HTTP stack, not the event loop's plumbing. */
const INCLUSIVE_PLACES =
  /^(services|routes|http|store|domain|security|pkg:(fastify|@fastify|fast-json-stringify|pino|pg|kysely|find-my-way|light-my-request|avvio|secure-json-parse))/;

function top(map: Map<string, number>, requests: number, busyUs: number, count: number): ProfileShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, us]) => ({ label, usPerRequest: us / requests, pct: (100 * us) / busyUs }));
}

/**
 * Reads a profile and divides the main thread's CPU among places and functions, counting only the samples
 * inside `window` (monotonic µs: V8's profile clock and process.hrtime are both CLOCK_MONOTONIC on Linux), per
 * request served in it.
 */
export async function summariseProfile(
  file: string,
  window: { startUs: number; endUs: number },
  requests: number,
  count = 15,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const places = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busyUs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < window.startUs || t > window.endUs) continue;
    // the time until the next sample is this sample's
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]!);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busyUs += us;
    const label = frameLabel(node.callFrame);
    self.set(label, (self.get(label) ?? 0) + us);
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    places.set(place, (places.get(place) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!INCLUSIVE_PLACES.test(placeOf(frame.url, frame.functionName))) continue;
      const key = frameLabel(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  if (busyUs === 0) throw new Error(`no samples of ${file} fall inside the load's time window`);
  return {
    busyUsPerRequest: busyUs / requests,
    byPlace: top(places, requests, busyUs, count),
    bySelf: top(self, requests, busyUs, count),
    byInclusive: top(inclusive, requests, busyUs, count + 10),
  };
}
