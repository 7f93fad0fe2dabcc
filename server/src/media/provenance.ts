import exifr from 'exifr';

/** What the original's metadata says about where a photo came from; read for evidence checks, never published. */
export interface PhotoProvenance {
  /** EXIF Make and Model, or null when the file names no camera. */
  camera: string | null;
  /** Image generators named in the metadata (EXIF Software, XMP, C2PA manifests, PNG text). */
  generators: string[];
  /** Editing software named in the same places. */
  editors: string[];
}

const GENERATORS: Array<[RegExp, string]> = [
  [/\bdall[\s·-]?e\b/i, 'DALL·E'],
  [/midjourney/i, 'Midjourney'],
  [/stable[\s_-]?diffusion|\bSteps: \d+, Sampler: /i, 'Stable Diffusion'],
  [/comfyui/i, 'ComfyUI'],
  [/firefly/i, 'Adobe Firefly'],
  [/generative (?:fill|expand)/i, 'Adobe Photoshop Generative Fill'],
  // IPTC digital source type (XMP or C2PA); also matches compositeWithTrainedAlgorithmicMedia.
  [/trainedalgorithmicmedia/i, 'IPTC trainedAlgorithmicMedia'],
  [/\bopenai\b|chatgpt/i, 'OpenAI'],
  [/novelai/i, 'NovelAI'],
  [/leonardo\.ai/i, 'Leonardo.Ai'],
  [/ideogram/i, 'Ideogram'],
];

const EDITORS: Array<[RegExp, string]> = [
  [/adobe photoshop/i, 'Adobe Photoshop'],
  [/lightroom/i, 'Adobe Lightroom'],
  [/\bgimp\b/i, 'GIMP'],
  [/snapseed/i, 'Snapseed'],
  [/picsart/i, 'PicsArt'],
  [/\bcanva\b/i, 'Canva'],
  [/meitu/i, 'Meitu'],
  [/pixlr/i, 'Pixlr'],
];

const FIELDS = ['Software', 'CreatorTool', 'DigitalSourceType', 'ProcessingSoftware', 'HostComputer'];
const MAX_SEGMENT_TEXT = 256 * 1024;

/** Never throws: unreadable metadata is simply absent. */
export async function readProvenance(buf: Buffer): Promise<PhotoProvenance> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(buf, {
      tiff: true,
      xmp: true,
      ifd1: false,
      exif: false,
      gps: false,
      interop: false,
      iptc: false,
      icc: false,
      reviveValues: false,
    });
  } catch {
    tags = undefined;
  }
  const make = text(tags?.['Make']);
  const model = text(tags?.['Model']);
  const camera = [make, model].filter(Boolean).join(' ') || null;
  const texts = [...FIELDS.map((f) => text(tags?.[f])).filter((t): t is string => !!t), ...rawTexts(buf)];
  return { camera, generators: recognise(texts, GENERATORS), editors: recognise(texts, EDITORS) };
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(' ') || null;
  return null;
}

function recognise(texts: string[], rules: Array<[RegExp, string]>): string[] {
  return rules.filter(([pattern]) => texts.some((t) => pattern.test(t))).map(([, name]) => name);
}

/**
 * Metadata exifr does not read: JPEG APP11 (JUMBF, where C2PA manifests live) and comment segments, and PNG
 * text and C2PA chunks (Stable Diffusion front-ends write their parameters there). Image data is never scanned.
 */
function rawTexts(buf: Buffer): string[] {
  if (buf[0] === 0xff && buf[1] === 0xd8) return jpegSegments(buf);
  if (buf.subarray(0, 8).equals(PNG_SIGNATURE)) return pngChunks(buf);
  return [];
}

function jpegSegments(buf: Buffer): string[] {
  const out: string[] = [];
  let offset = 2;
  while (offset + 4 <= buf.length && buf[offset] === 0xff) {
    const marker = buf[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: only image data follows
    const length = buf.readUInt16BE(offset + 2);
    if (marker === 0xeb || marker === 0xfe) out.push(latin1(buf, offset + 4, offset + 2 + length));
    offset += 2 + length;
  }
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_TEXT_CHUNKS = new Set(['tEXt', 'iTXt', 'caBX']);

function pngChunks(buf: Buffer): string[] {
  const out: string[] = [];
  let offset = 8;
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (type === 'IEND') break;
    if (PNG_TEXT_CHUNKS.has(type)) out.push(latin1(buf, offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return out;
}

function latin1(buf: Buffer, start: number, end: number): string {
  return buf.toString('latin1', start, Math.min(end, buf.length, start + MAX_SEGMENT_TEXT));
}
