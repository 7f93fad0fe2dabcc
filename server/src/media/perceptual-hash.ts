import sharp from 'sharp';
import { phashOfGrey } from './phash.js';

export interface PhotoFingerprint {
  /** The whole picture: 64 characters of 0 and 1. */
  hash: string;
  /**
   * Evidence only, stored: the picture without 5% of one edge, or without 2.5% all round (CROP_VIEWS). A later
   * copy cropped that way is close to one of these, where it may be far from the whole picture.
   */
  crops: string[];
  /**
   * Evidence only, searched with and not stored: the picture without a band of 5/10/15% at the top or bottom,
   * so a reused photo with a caption bar added is close to the stored whole picture again.
   */
  probes: string[];
}

type Cut = { left: number; top: number; right: number; bottom: number };
const cut = (c: Partial<Cut>): Cut => ({ left: 0, top: 0, right: 0, bottom: 0, ...c });

export const CROP_VIEWS: readonly Cut[] = [
  cut({ left: 0.05 }),
  cut({ right: 0.05 }),
  cut({ top: 0.05 }),
  cut({ bottom: 0.05 }),
  cut({ left: 0.025, top: 0.025, right: 0.025, bottom: 0.025 }),
];

const CAPTION_BANDS: readonly Cut[] = [0.05, 0.1, 0.15].flatMap((f) => [cut({ top: f }), cut({ bottom: f })]);

// The 32×32 hash input needs little detail: everything is cut from one small greyscale copy.
const WORK_EDGE = 256;
/** Below this grey-level spread a picture (lens cap, blank wall, solid test image) has no usable hash. */
const MIN_STDEV = 2;

/** The fingerprint of a decoded, upright photo (the public derivative), or null for a featureless picture. */
export async function fingerprintPhoto(
  image: Buffer,
  options: { evidence: boolean },
): Promise<PhotoFingerprint | null> {
  const { data, info } = await sharp(image)
    .greyscale()
    .resize(WORK_EDGE, WORK_EDGE, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 || stdev(data) < MIN_STDEV) return null;
  const size = { width: info.width, height: info.height };
  const view = (c: Cut) => phashOfGrey(data, size, area(size, c));
  const [hash, crops, probes] = await Promise.all([
    phashOfGrey(data, size),
    Promise.all(options.evidence ? CROP_VIEWS.map(view) : []),
    Promise.all(options.evidence ? CAPTION_BANDS.map(view) : []),
  ]);
  return { hash, crops, probes };
}

function area(size: { width: number; height: number }, c: Cut) {
  const left = Math.round(size.width * c.left);
  const top = Math.round(size.height * c.top);
  return {
    left,
    top,
    width: Math.max(1, size.width - left - Math.round(size.width * c.right)),
    height: Math.max(1, size.height - top - Math.round(size.height * c.bottom)),
  };
}

function stdev(values: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
}
