import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { ffmpegOf } from '../../../src/config.js';
import { checkFfmpeg } from '../../../src/media/ffmpeg.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '../../../src/media/media-types.js';

const execFileAsync = promisify(execFile);

/** The ffmpeg the server would use (SIGAP_FFMPEG, else `ffmpeg` on PATH); the tests make their videos with it. */
export const FFMPEG = ffmpegOf(process.env);
const FFMPEG_STATUS = await checkFfmpeg(FFMPEG);

/**
 * Whether video tests can run here. `npm test` passes on a machine without ffmpeg: the tests that need it are
 * skipped, with this reason in their names and one warning, while the refusal of videos is tested everywhere.
 */
export const HAVE_FFMPEG = FFMPEG_STATUS.available;
export const NO_FFMPEG_REASON = FFMPEG_STATUS.available
  ? ''
  : ` [skipped: ${FFMPEG_STATUS.reason.en}; apt-get install ffmpeg or set SIGAP_FFMPEG]`;
if (!HAVE_FFMPEG) console.warn(`video tests${NO_FFMPEG_REASON}`);
export const LIMITS: MediaLimits = { ...DEFAULT_MEDIA_LIMITS };

export const SECRETS = {
  make: 'SecretMakeCam',
  serial: 'SN-SECRET-4242',
  xmp: 'SecretXmpCreator',
  iptc: 'SecretIptcCity',
  comment: 'SecretJpegComment',
};

/** Left half red, right half blue, so rotation is visible in the pixels. */
export function halvesRaw(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export async function plainJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
}

/**
 * An 80×40 JPEG (EXIF orientation 6, so it displays as 40×80) carrying every kind of metadata a phone or
 * editor might leave: EXIF with GPS (written by libvips from sharp's withExif: IFD2 = Exif, IFD3 = GPS),
 * XMP, a P3 ICC profile, an IPTC block (APP13) and a JPEG comment (COM), the last two spliced in by hand.
 */
export async function jpegWithEverything(): Promise<Buffer> {
  const base = await sharp(await halvesRaw(80, 40))
    .jpeg()
    .withExif({
      IFD0: { Make: SECRETS.make, Model: 'X1' },
      IFD2: {
        DateTimeOriginal: '2024:05:01 10:20:30',
        OffsetTimeOriginal: '+07:00',
        BodySerialNumber: SECRETS.serial,
      },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '6/1 12/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 49/1 30/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
        `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${SECRETS.xmp}"/>` +
        `</rdf:RDF></x:xmpmeta>`,
    )
    .withIccProfile('p3')
    .toBuffer();
  return insertAfterSoi(base, [iptcSegment(SECRETS.iptc), commentSegment(SECRETS.comment)]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function commentSegment(text: string): Buffer {
  return segment(0xfe, Buffer.from(text, 'latin1'));
}

// APP13 "Photoshop 3.0" resource 0x0404 holding one IPTC dataset: 2:90 City.
function iptcSegment(city: string): Buffer {
  const value = Buffer.from(city, 'latin1');
  const dataset = Buffer.concat([Buffer.from([0x1c, 0x02, 90, 0, 0]), value]);
  dataset.writeUInt16BE(value.length, 3);
  const padded = dataset.length % 2 ? Buffer.concat([dataset, Buffer.alloc(1)]) : dataset;
  const size = Buffer.alloc(4);
  size.writeUInt32BE(dataset.length);
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0, 0]),
    size,
    padded,
  ]);
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]));
}

function insertAfterSoi(jpeg: Buffer, segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

export async function ffmpeg(args: string[]): Promise<void> {
  await execFileAsync(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
}

/** ffmpeg's summary of a file (it exits 1 when given no output, so the error's stderr is the answer). */
export async function ffmpegInfo(file: string): Promise<string> {
  try {
    await execFileAsync(FFMPEG, ['-hide_banner', '-nostdin', '-i', file]);
    return '';
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
}

/** Test-pattern video (+ sine audio) encoded quickly; append output options and a file name. */
export function testVideoArgs(opts: { seconds: number; size?: string; audio?: boolean }): string[] {
  const size = opts.size ?? '320x240';
  return [
    ...['-f', 'lavfi', '-i', `testsrc=duration=${opts.seconds}:size=${size}:rate=10`],
    ...(opts.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${opts.seconds}`] : []),
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...(opts.audio ? ['-c:a', 'aac', '-shortest'] : []),
  ];
}

/** A WebM written to a pipe, so the muxer cannot go back and record the duration. */
export async function pipedWebmWithoutDuration(seconds: number): Promise<Buffer> {
  const { stdout } = await execFileAsync(
    FFMPEG,
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ...['-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=160x120:rate=10`],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '100k', '-f', 'webm', 'pipe:1'],
    ],
    { encoding: 'buffer', maxBuffer: 20 * 1024 * 1024 },
  );
  return stdout;
}
