import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffmpegOf } from '../../../src/config.js';
import { mulberry32 } from '../../../src/domain/random.js';
import type { CityContext } from '../../../src/services/app/city-context.js';
import { phonePhoto } from '../http.js';

/** What a citizen sent: the JSON body, the photo (an index into the photo set) and the Idempotency-Key. */
export interface SentReport {
  n: number;
  body: {
    text: string;
    lat: number;
    lng: number;
    category: string;
    private: boolean;
    reporter?: { name: string; phone: string };
  };
  photo: number | null;
  /** carries the set's video */
  video: boolean;
  key: string | null;
}

/** The 201 answer: the report was acknowledged. */
export interface Answer {
  ticket: string;
  status: string;
  citizenToken: string;
}

export type Outcome =
  /** 201 received in full */
  | { kind: 'acknowledged'; answer: Answer }
  /** any other answer (the server said no; nothing was promised) */
  | { kind: 'refused'; status: number; body: string }
  /** the connection broke or the request timed out (the server was killed): the outcome is unknown */
  | { kind: 'cut_off'; reason: string };

export interface PhotoSet {
  images: Buffer[];
  sha256: string[];
  /** A one-second test-pattern MP4, when reports may carry a video (needs ffmpeg). */
  video: { data: Buffer; sha256: string } | null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** One second of ffmpeg's test pattern, 160×120, as a phone's MP4. */
async function testVideo(): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sigap-durability-video-'));
  try {
    const file = path.join(dir, 'video.mp4');
    await promisify(execFile)(ffmpegOf(process.env), [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file],
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A few distinct small phone photos (EXIF GPS in them), and a video if asked, with their hashes. */
export async function photoSet(count = 6, options: { video?: boolean } = {}): Promise<PhotoSet> {
  const images = await Promise.all(Array.from({ length: count }, (_, i) => phonePhoto(i * 37 + 11)));
  const video = options.video ? await testVideo() : null;
  return {
    images,
    sha256: images.map(sha256),
    video: video ? { data: video, sha256: sha256(video) } : null,
  };
}

const TEXTS = [
  'Jalan berlubang cukup dalam di depan gang, membahayakan pengendara motor',
  'Lampu penerangan jalan mati sejak beberapa malam, jalan jadi gelap',
  'Saluran air tersumbat sampah sehingga air meluap ke jalan setiap hujan',
  'Tumpukan sampah liar di pinggir kali belum diangkut, baunya menyengat',
  'Pohon besar di trotoar miring dan dahannya sudah retak',
  'Pedagang kaki lima menutup trotoar, pejalan kaki turun ke jalan',
];

export interface RequestMix {
  /** One report in this many carries a photo (multipart). */
  photoEvery: number;
  /** One report in this many carries an Idempotency-Key. */
  keyEvery: number;
  /** One report in this many names its reporter (sealed in the vault). */
  reporterEvery: number;
  /** One report in this many carries a video (0: none): transcoded by a job, through an outbox row. */
  videoEvery: number;
}

export const DEFAULT_MIX: RequestMix = { photoEvery: 4, keyEvery: 3, reporterEvery: 5, videoEvery: 0 };

/**
 * An endless, seeded supply of distinct reports: each text carries the run and its number, so every report can be
 * told apart in the database; places are kelurahan points of the city, categories the city's own.
 */
export function reportSupply(city: CityContext, run: string, seed: number, mix: RequestMix = DEFAULT_MIX) {
  const random = mulberry32(seed);
  const categories = [...city.city.categories.keys()].sort();
  const points = [...city.city.regions.values()]
    .filter((r) => r.level === 'kelurahan')
    .map((r) => city.locator.centroidOf(r.code))
    .filter((p): p is { lat: number; lng: number } => !!p && Number.isFinite(p.lat));
  let n = 0;
  return (photos: PhotoSet): SentReport => {
    n++;
    const point = points[Math.floor(random() * points.length)]!;
    const body: SentReport['body'] = {
      text: `${TEXTS[n % TEXTS.length]} (uji ketahanan ${run}-${n})`,
      lat: point.lat,
      lng: point.lng,
      category: categories[Math.floor(random() * categories.length)]!,
      private: random() < 2 / 3,
    };
    if (random() * mix.reporterEvery < 1)
      body.reporter = { name: `Warga Uji ${n}`, phone: `0812${String(10_000_000 + n).slice(-8)}` };
    return {
      n,
      body,
      photo: random() * mix.photoEvery < 1 ? Math.floor(random() * photos.images.length) : null,
      video: !!photos.video && mix.videoEvery > 0 && random() * mix.videoEvery < 1,
      key: random() * mix.keyEvery < 1 ? `durability-${run}-${n}` : null,
    };
  };
}

/** POST /api/v1/reports as a citizen's app sends it: JSON, or multipart with a `payload` field and the photo. */
export async function send(
  base: string,
  report: SentReport,
  photos: PhotoSet,
  timeoutMs = 30_000,
): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (report.key) headers['idempotency-key'] = report.key;
  let body: BodyInit;
  if (report.photo === null && !report.video) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(report.body);
  } else {
    const form = new FormData();
    form.append('payload', JSON.stringify(report.body));
    if (report.photo !== null) {
      const image = photos.images[report.photo]!;
      form.append('photos', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'foto.jpg');
    }
    if (report.video && photos.video)
      form.append('video', new Blob([new Uint8Array(photos.video.data)], { type: 'video/mp4' }), 'video.mp4');
    body = form;
  }
  try {
    const response = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 201) return { kind: 'refused', status: response.status, body: text };
    return { kind: 'acknowledged', answer: JSON.parse(text) as Answer };
  } catch (error) {
    return { kind: 'cut_off', reason: error instanceof Error ? error.message : String(error) };
  }
}
