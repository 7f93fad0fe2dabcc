// The web app's build: web/src → web/dist (Vite), when its sources changed. server/scripts/build.mjs calls
// ensureWebBuilt() after the server's own build, so `npm start` on a fresh clone builds and serves the app and a
// second start does not build again. As for the server, "changed" is decided from contents: dist/.build-stamp.json
// holds a sha256 over every input file and the installed Vite version.
//
// Each build prints the first-load JavaScript, gzipped (what a phone downloads before the app shows anything):
// the entry script and the modules it preloads, as index.html names them. The target is 200 KB at most.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp.json';
/** Inputs besides src/: what changes the output. clients/api types only type-check, they emit nothing. */
const INPUT_FILES = [
  'index.html',
  'staff.html',
  'monitor.html',
  'vite.config.ts',
  'vite.staff.config.ts',
  'package.json',
  'tsconfig.json',
  'scripts/build-web.mjs',
  // the server's domain tables the app imports (one source for the status colours)
  '../server/src/domain/statuses.ts',
];
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function filesUnder(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesUnder(path.join(dir, entry.name), relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found.sort();
}

function viteVersion(webDir) {
  try {
    const require = createRequire(path.join(webDir, 'package.json'));
    return JSON.parse(readFileSync(require.resolve('vite/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

export function webSourceState(webDir = WEB_DIR, vite = viteVersion(webDir)) {
  const digest = createHash('sha256');
  // src/ is bundled; public/ (the service worker) is copied as is
  for (const dir of ['src', 'public'])
    for (const file of filesUnder(path.join(webDir, dir)))
      digest.update(`${dir}/${file}\t${sha256(readFileSync(path.join(webDir, dir, file)))}\n`);
  for (const file of INPUT_FILES) {
    const full = path.join(webDir, file);
    digest.update(`${file}\t${existsSync(full) ? sha256(readFileSync(full)) : '-'}\n`);
  }
  digest.update(`vite\t${vite ?? '-'}\n`);
  return digest.digest('hex');
}

function readStamp(webDir) {
  try {
    return JSON.parse(readFileSync(path.join(webDir, 'dist', STAMP), 'utf8'));
  } catch {
    return null;
  }
}

export function isWebBuildCurrent(webDir = WEB_DIR) {
  const stamp = readStamp(webDir);
  if (stamp === null || !existsSync(path.join(webDir, 'dist', 'index.html'))) return false;
  return stamp.digest === webSourceState(webDir, viteVersion(webDir) ?? stamp.vite);
}

/** The scripts index.html loads at once (entry + modulepreload), each with its gzipped size. */
export function firstLoadJs(webDir = WEB_DIR) {
  const dist = path.join(webDir, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const files = [...new Set(urls)].map((url) => {
    const data = readFileSync(path.join(dist, url.replace(/^\//, '')));
    return { file: url, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const say = (id, en) => process.stderr.write(`sigap: ${id} / ${en}\n`);

export class WebBuildError extends Error {}

/**
 * Builds web/dist when it is missing or stale; returns whether it built. A checkout without web/src (a
 * published build) is taken as it is. Vite's messages go to stderr (stdout may carry a command's JSON lines).
 */
export function ensureWebBuilt({ webDir = WEB_DIR, force = false } = {}) {
  if (!existsSync(path.join(webDir, 'src'))) return false;
  if (!force && isWebBuildCurrent(webDir)) return false;
  const vite = viteVersion(webDir);
  if (!vite)
    throw new WebBuildError(
      'Vite tidak terpasang, jadi web/dist tidak dapat dibangun: jalankan `npm ci` (dengan dependensi ' +
        'pengembangan) / Vite is not installed, so web/dist cannot be built: run `npm ci` (with the development ' +
        'dependencies)',
    );
  say('membangun aplikasi web (web/dist)…', 'building the web app (web/dist)…');
  const started = performance.now();
  const manifest = createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json');
  const bin = path.join(path.dirname(manifest), 'bin', 'vite.js');
  // NODE_ENV from the caller (vitest sets `test`) would make Vite ship React's development build
  // the citizen app (vite.config.ts, empties dist/), then the staff console (vite.staff.config.ts) beside it
  let result;
  for (const config of ['vite.config.ts', 'vite.staff.config.ts']) {
    if (!existsSync(path.join(webDir, config))) continue;
    result = spawnSync(process.execPath, [bin, 'build', '--config', config, '--logLevel', 'warn'], {
      cwd: webDir,
      stdio: ['ignore', 2, 2],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) break;
  }
  if (result.status !== 0)
    throw new WebBuildError(
      `vite build gagal (${result.status ?? result.signal}): lihat galat di atas / ` +
        `vite build failed (${result.status ?? result.signal}): see the errors above`,
    );
  mkdirSync(path.join(webDir, 'dist'), { recursive: true });
  const size = firstLoadJs(webDir);
  writeFileSync(
    path.join(webDir, 'dist', STAMP),
    `${JSON.stringify({ digest: webSourceState(webDir, vite), vite, builtAt: new Date().toISOString(), firstLoadJsGzip: size.gzip })}\n`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const verdict = size.gzip <= FIRST_LOAD_BUDGET_BYTES ? 'OK' : 'LEBIH / OVER';
  say(`web/dist selesai dibangun (${seconds} dtk)`, `web/dist built (${seconds} s)`);
  say(
    `JavaScript muatan pertama ${kb(size.gzip)} gzip (batas ${kb(FIRST_LOAD_BUDGET_BYTES)}: ${verdict})`,
    `first-load JavaScript ${kb(size.gzip)} gzipped (budget ${kb(FIRST_LOAD_BUDGET_BYTES)}: ${verdict})`,
  );
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    if (!ensureWebBuilt({ force: process.argv.includes('--force') })) {
      say('web/dist sudah mutakhir', 'web/dist is up to date');
      const size = firstLoadJs();
      say(
        `JavaScript muatan pertama ${kb(size.gzip)} gzip`,
        `first-load JavaScript ${kb(size.gzip)} gzipped`,
      );
    }
  } catch (error) {
    if (!(error instanceof WebBuildError)) throw error;
    process.stderr.write(`sigap: ${error.message}\n`);
    process.exitCode = 1;
  }
}
