import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { inspectUpload, unsupportedTypeError } from './inspect.js';
import { MediaError, corruptMediaError, type MediaLimits } from './media-types.js';

export const VIDEO_MAX_LONG_EDGE = 1280;
export const VIDEO_MAX_SHORT_EDGE = 720;
export const POSTER_MAX_EDGE = 640;
// Phones stopped "at 2:00" write 120.0x s; do not reject those over a rounding error.
const DURATION_SLACK_SECONDS = 0.5;

export interface ProcessedVideo {
  /** H.264/AAC MP4, at most 720p, no container/stream metadata, chapters, subtitles or data tracks. */
  publicVideo: Buffer;
  publicMime: 'video/mp4';
  /** A frame at ~1 s, fit within POSTER_MAX_EDGE, JPEG without metadata. */
  poster: Buffer;
  posterMime: 'image/jpeg';
  durationSeconds: number;
  width: number;
  height: number;
}

export interface VideoOptions {
  /** The ffmpeg to run: a path, or a command name looked up on PATH (see config.ts, ffmpegOf). */
  ffmpegPath: string;
  /** Per ffmpeg run; default 60 s + 2 s per second of allowed video. */
  timeoutMs?: number;
}

interface Probe {
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

// Forcing the demuxer stops ffmpeg from probing the bytes as something else (e.g. an HLS playlist).
const DEMUXER_BY_MIME: Record<string, string> = {
  'video/mp4': 'mov',
  'video/quicktime': 'mov',
  'video/3gpp': 'mov',
  'video/webm': 'matroska',
};

// Fit within 1280×720 (or 720×1280 for portrait) with even dimensions; never enlarge.
const SCALE_FACTOR = `min(1,min(${VIDEO_MAX_LONG_EDGE}/max(iw,ih),${VIDEO_MAX_SHORT_EDGE}/min(iw,ih)))`;
const SCALE_FILTER = `scale=w='max(2,trunc(iw*${SCALE_FACTOR}/2)*2)':h='max(2,trunc(ih*${SCALE_FACTOR}/2)*2)'`;

export async function processVideo(
  buf: Buffer,
  limits: MediaLimits,
  workDir: string,
  options: VideoOptions,
): Promise<ProcessedVideo> {
  const { kind, mime } = await inspectUpload(buf, limits);
  const demuxer = DEMUXER_BY_MIME[mime];
  if (kind !== 'video' || !demuxer) throw unsupportedTypeError();

  const ffmpeg = options.ffmpegPath;
  const timeoutMs = options.timeoutMs ?? 60_000 + limits.maxVideoSeconds * 2_000;
  const run = (args: string[]) => runFfmpeg(ffmpeg, args, timeoutMs);

  const dir = await mkdtemp(join(workDir, 'video-'));
  try {
    const input = join(dir, 'input');
    const output = join(dir, 'public.mp4');
    const frame = join(dir, 'poster.png');
    await writeFile(input, buf, { mode: 0o600 });

    const source = await probe(run, input, demuxer);
    if (source.width === null) throw corruptMediaError(new Error('no video stream'));
    if (source.durationSeconds !== null) assertDuration(source.durationSeconds, limits);

    // `-t` caps the work when the container has no (or a lying) duration; the output is re-checked below.
    await runOrCorrupt(run, [
      ...['-protocol_whitelist', 'file', '-f', demuxer, '-i', input],
      ...['-t', String(limits.maxVideoSeconds + 1), '-map', '0:v:0', '-map', '0:a:0?'],
      ...['-map_metadata', '-1', '-map_chapters', '-1', '-sn', '-dn'],
      ...['-vf', SCALE_FILTER, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-b:a', '96k', '-ac', '2', '-max_muxing_queue_size', '1024'],
      ...['-movflags', '+faststart', '-f', 'mp4', output],
    ]);

    const result = await probe(run, output, 'mov');
    if (result.durationSeconds === null || result.width === null || result.height === null) {
      throw corruptMediaError(new Error('transcoded video has no duration or size'));
    }
    assertDuration(result.durationSeconds, limits);

    const seekSeconds = result.durationSeconds >= 2 ? 1 : 0;
    await runOrCorrupt(run, [
      ...['-f', 'mov', '-ss', String(seekSeconds), '-i', output],
      ...['-frames:v', '1', '-an', '-f', 'image2', '-c:v', 'png', frame],
    ]);
    const poster = await sharp(await readFile(frame))
      .resize(POSTER_MAX_EDGE, POSTER_MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();

    return {
      publicVideo: await readFile(output),
      publicMime: 'video/mp4',
      poster,
      posterMime: 'image/jpeg',
      durationSeconds: Math.round(result.durationSeconds * 100) / 100,
      width: result.width,
      height: result.height,
    };
  } catch (err) {
    if (err instanceof MediaError || isSpawnFailure(err)) throw err;
    throw corruptMediaError(err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The quick check made while the citizen waits (one ffmpeg run that reads the container's header): a video by its
 * bytes, with a video stream, not longer than allowed. Transcoding comes later, in a job; this keeps the answers a
 * citizen can act on ("too long", "not a video") in the response instead of in a failed job.
 */
export async function checkVideo(
  buf: Buffer,
  limits: MediaLimits,
  workDir: string,
  options: VideoOptions,
): Promise<{ durationSeconds: number | null }> {
  const { kind, mime } = await inspectUpload(buf, limits);
  if (kind !== 'video') throw unsupportedTypeError();
  const dir = await mkdtemp(join(workDir, 'probe-'));
  try {
    const input = join(dir, 'input');
    await writeFile(input, buf, { mode: 0o600 });
    return await checkVideoFile(input, mime, limits, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same check for a video already on disk (a streamed upload), of the type its bytes were found to be. */
export async function checkVideoFile(
  file: string,
  mime: string,
  limits: MediaLimits,
  options: VideoOptions,
): Promise<{ durationSeconds: number | null }> {
  const demuxer = DEMUXER_BY_MIME[mime];
  if (!demuxer) throw unsupportedTypeError();
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const source = await probe((args) => runFfmpeg(options.ffmpegPath, args, timeoutMs), file, demuxer);
    if (source.width === null) throw corruptMediaError(new Error('no video stream'));
    if (source.durationSeconds !== null) assertDuration(source.durationSeconds, limits);
    return { durationSeconds: source.durationSeconds };
  } catch (err) {
    if (err instanceof MediaError || isSpawnFailure(err)) throw err;
    throw corruptMediaError(err);
  }
}

function assertDuration(seconds: number, limits: MediaLimits): void {
  if (seconds <= limits.maxVideoSeconds + DURATION_SLACK_SECONDS) return;
  throw new MediaError(
    'too_long',
    `Video terlalu panjang (maks. ${limits.maxVideoSeconds} detik).`,
    `Video is too long (max ${limits.maxVideoSeconds} seconds).`,
  );
}

type Run = (args: string[]) => Promise<{ code: number; stderr: string }>;

// With an input and no output, ffmpeg prints the container/stream summary to stderr and exits 1.
async function probe(run: Run, file: string, demuxer: string): Promise<Probe> {
  const { stderr } = await run(['-protocol_whitelist', 'file', '-f', demuxer, '-i', file]);
  const d = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  const v = /Stream #\d+:\d+.*?: Video: .*?, (\d{1,5})x(\d{1,5})[\s,[]/.exec(stderr);
  return {
    durationSeconds: d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null,
    width: v ? Number(v[1]) : null,
    height: v ? Number(v[2]) : null,
  };
}

async function runOrCorrupt(run: Run, args: string[]): Promise<void> {
  const { code, stderr } = await run(['-loglevel', 'error', '-nostats', ...args]);
  if (code !== 0) throw corruptMediaError(new Error(`ffmpeg exited with ${code}: ${stderr.slice(-2000)}`));
}

function runFfmpeg(
  bin: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number; stderr: string }> {
  const fullArgs = ['-hide_banner', '-nostdin', '-y', ...args];
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      fullArgs,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ code: 0, stderr });
        // A numeric code is ffmpeg's own exit status; anything else is a timeout, spawn or buffer failure.
        if (typeof error.code === 'number' && !error.killed) return resolve({ code: error.code, stderr });
        reject(error);
      },
    );
  });
}

function isSpawnFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EACCES';
}
