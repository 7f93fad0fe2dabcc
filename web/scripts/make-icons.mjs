// Rasterises web/public/icons/icon.svg into the PNGs the web app manifest and iOS ask for, with sharp (the
// server's image library). The PNGs are committed; run this again after changing the SVG:
//   node web/scripts/make-icons.mjs
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const icons = fileURLToPath(new URL('../public/icons/', import.meta.url));
const sharp = createRequire(fileURLToPath(new URL('../../server/package.json', import.meta.url)))('sharp');

for (const [name, size] of [
  ['icon-192.png', 192],
  ['icon-512.png', 512],
  ['apple-touch-icon.png', 180],
]) {
  await sharp(path.join(icons, 'icon.svg'), { density: 300 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(path.join(icons, name));
  process.stderr.write(`wrote web/public/icons/${name}\n`);
}
