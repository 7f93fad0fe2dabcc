import sharp from 'sharp';
import { mulberry32 } from '../../src/domain/random.js';

/**
 * Generated stand-ins for street photos: a gradient, a dozen shapes and sensor-like noise, all from a seeded
 * PRNG so every machine draws the same pictures. `palette` fixes colours and background apart from the layout,
 * so two layouts with one palette are "different photos of a similar scene".
 */
export async function scenePhoto(layout: number, options: { palette?: number; width?: number } = {}) {
  const width = options.width ?? 800;
  const height = Math.round((width * 3) / 4);
  const colours = mulberry32(options.palette ?? layout + 1000);
  const place = mulberry32(layout);
  const colour = () => `rgb(${[0, 0, 0].map(() => Math.floor(colours() * 256)).join(',')})`;
  const [top, bottom] = [colour(), colour()];
  let shapes = '';
  for (let i = 0; i < 12; i++) {
    const x = place() * width;
    const y = place() * height;
    const size = 30 + place() * 200;
    shapes +=
      place() < 0.5
        ? `<rect x="${x}" y="${y}" width="${size}" height="${size * (0.5 + place())}" fill="${colour()}" transform="rotate(${place() * 90} ${x} ${y})"/>`
        : `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${colour()}"/>`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="${place()}" y2="1">` +
    `<stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  const noise = mulberry32(layout * 7919 + 1);
  for (let i = 0; i < data.length; i++) data[i] = clamp(data[i]! + Math.round((noise() - 0.5) * 40));
  return sharp(data, { raw: info }).jpeg({ quality: 92 }).toBuffer();
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, v));
}

async function size(image: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(image).metadata();
  return { width: width!, height: height! };
}

/** Ways an officer re-saves one photo to pass it off as new evidence. */
export const REUSE_VARIANTS: Record<string, (image: Buffer) => Promise<Buffer>> = {
  'JPEG quality 40': (image) => sharp(image).jpeg({ quality: 40 }).toBuffer(),
  'WebP re-encode': (image) => sharp(image).webp({ quality: 60 }).toBuffer(),
  'resized to 50%': async (image) =>
    sharp(image)
      .resize(Math.round((await size(image)).width / 2))
      .jpeg({ quality: 85 })
      .toBuffer(),
  'cropped 2.5% on every side': (image) =>
    crop(image, { left: 0.025, top: 0.025, right: 0.025, bottom: 0.025 }),
  'cropped 5% off the right': (image) => crop(image, { right: 0.05 }),
  'cropped 5% off the top': (image) => crop(image, { top: 0.05 }),
  'brighter by 20%': (image) => sharp(image).modulate({ brightness: 1.2 }).jpeg().toBuffer(),
  'darker by 20%': (image) => sharp(image).modulate({ brightness: 0.8 }).jpeg().toBuffer(),
  'date caption drawn over the bottom': (image) => caption(image, 'over', '26/11/2026 09:41 Jl. Kebon Sirih'),
  'caption bar added below': (image) => caption(image, 'below', '26/11/2026 09:41 Jl. Kebon Sirih'),
  'halved, brightened and re-encoded': async (image) =>
    sharp(image)
      .resize(Math.round((await size(image)).width / 2))
      .modulate({ brightness: 1.15 })
      .jpeg({ quality: 50 })
      .toBuffer(),
};

async function crop(
  image: Buffer,
  cut: { left?: number; top?: number; right?: number; bottom?: number },
): Promise<Buffer> {
  const { width, height } = await size(image);
  const left = Math.round(width * (cut.left ?? 0));
  const top = Math.round(height * (cut.top ?? 0));
  return sharp(image)
    .extract({
      left,
      top,
      width: width - left - Math.round(width * (cut.right ?? 0)),
      height: height - top - Math.round(height * (cut.bottom ?? 0)),
    })
    .jpeg()
    .toBuffer();
}

/** A timestamp-app style caption: a dark band with a date, drawn over the photo or added below it (10%). */
export async function caption(image: Buffer, where: 'over' | 'below', text: string): Promise<Buffer> {
  const { width, height } = await size(image);
  const band = Math.round(height * 0.1);
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${band}">` +
      `<rect width="100%" height="100%" fill="black" fill-opacity="${where === 'over' ? 0.55 : 1}"/>` +
      `<text x="10" y="${band * 0.7}" font-size="${band * 0.55}" fill="white" font-family="sans-serif">` +
      `${text}</text></svg>`,
  );
  const base = where === 'over' ? sharp(image) : sharp(image).extend({ bottom: band, background: '#000000' });
  return base
    .composite([{ input: svg, top: height - (where === 'over' ? band : 0), left: 0 }])
    .jpeg()
    .toBuffer();
}

/** A phone-like JPEG of a scene, with camera, capture time (+07:00) and GPS in its EXIF. */
export async function cameraPhoto(
  layout: number,
  exif: { takenAt?: string; lat?: number; lng?: number; software?: string } = {},
): Promise<Buffer> {
  const scene = await scenePhoto(layout);
  const ifd0: Record<string, string> = { Make: 'CanaryPhone', Model: 'Canary 2' };
  if (exif.software) ifd0.Software = exif.software;
  const ifd2: Record<string, string> = {};
  if (exif.takenAt) {
    ifd2.DateTimeOriginal = exif.takenAt;
    ifd2.OffsetTimeOriginal = '+07:00';
  }
  const ifd3 = exif.lat !== undefined && exif.lng !== undefined ? gps(exif.lat, exif.lng) : {};
  return sharp(scene).jpeg({ quality: 90 }).withExif({ IFD0: ifd0, IFD2: ifd2, IFD3: ifd3 }).toBuffer();
}

function gps(lat: number, lng: number): Record<string, string> {
  const dms = (v: number) => {
    const abs = Math.abs(v);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = Math.round((abs - d - m / 60) * 3600 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return {
    GPSLatitudeRef: lat < 0 ? 'S' : 'N',
    GPSLatitude: dms(lat),
    GPSLongitudeRef: lng < 0 ? 'W' : 'E',
    GPSLongitude: dms(lng),
  };
}
