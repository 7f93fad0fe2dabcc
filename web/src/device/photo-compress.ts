/**
 * Large photos made smaller on the phone before they are sent: a 12-megapixel camera photo of 4–8 MB becomes
 * about 2048 pixels on its long side and a few hundred kilobytes, which a slow connection sends in seconds and
 * which is still plenty for an officer to see the problem. The browser does it (createImageBitmap decodes, with
 * the camera's orientation applied; a canvas re-encodes as JPEG): no library.
 *
 * The re-encoded photo carries no EXIF (no capture time, place or camera). The server reads EXIF only to flag an
 * officer's follow-up evidence (server/src/services/handling/evidence-integrity.ts), never a citizen's report photo, and
 * the report has its own location; so nothing is lost and less about the citizen leaves the phone. Photos small
 * enough are sent as they are.
 */
export const COMPRESS_ABOVE_BYTES = 1.5 * 1024 * 1024;
export const LONG_EDGE = 2048;
const QUALITY = 0.82;
const COMPRESSIBLE = ['image/jpeg', 'image/png'];

async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  // a PNG's transparent parts would turn black in a JPEG
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
}

/** The photo to send: a smaller JPEG when that helps, else the file as chosen (never fails: the original then). */
export async function compressPhoto(file: File): Promise<File> {
  if (!COMPRESSIBLE.includes(file.type) || file.size <= COMPRESS_ABOVE_BYTES) return file;
  if (typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, LONG_EDGE / Math.max(bitmap.width, bitmap.height));
    const blob = await encode(
      bitmap,
      Math.max(1, Math.round(bitmap.width * scale)),
      Math.max(1, Math.round(bitmap.height * scale)),
    );
    bitmap.close();
    if (!blob || blob.size >= file.size) return file;
    const name = file.name.replace(/\.[^.]*$/, '') || 'foto';
    return new File([blob], `${name}.jpg`, { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  }
}
