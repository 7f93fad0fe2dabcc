// The server's build: TypeScript in src/ → JavaScript in dist/ (ESM, source maps), with every other file of src/
// (word lists, the database worker, anything read through `new URL('./file', import.meta.url)`) copied next to
// the compiled modules. `node scripts/build.mjs` builds when needed; bin/sigap.js calls ensureBuilt() before
// it runs dist/, so `npm start` on a fresh clone builds first and a second start does not. The same call builds
// the citizen web app (web/scripts/build-web.mjs: Vite into web/dist, its own content stamp) that the server
// serves at /.
//
// Whether dist/ is current is decided from the contents of the sources, not their times: dist/.build-stamp.json
// holds a sha256 of every file that goes into the build (and of this script, the tsconfig files and the
// compiler's version). Checking it reads ~200 small files (~15 ms), where `tsc -b` alone loads the compiler to
// find out (~0.3 s) and knows nothing of the copied files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp.json';
const BUILD_INFO = '.tsbuildinfo';
const CONFIG = 'tsconfig.build.json';

/** Paths of every file under `dir`, relative to it, with `/` separators, sorted. */
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

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Compiled by tsc; declaration files only inform it. The rest of src/ is copied as it is. */
const isTypeScript = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts');
const isDeclaration = (file) => file.endsWith('.d.ts');

function typescriptVersion(serverDir) {
  try {
    const require = createRequire(path.join(serverDir, 'package.json'));
    return JSON.parse(readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Everything the build's output depends on: each source file's hash (by path under src/), and one hash over
 * those, the build configuration, this script and the compiler's version (by default the installed one).
 */
export function sourceState(serverDir = SERVER_DIR, typescript = typescriptVersion(serverDir)) {
  const src = path.join(serverDir, 'src');
  const files = {};
  for (const file of filesUnder(src)) files[file] = sha256(readFileSync(path.join(src, file)));
  const digest = createHash('sha256');
  for (const [file, hash] of Object.entries(files)) digest.update(`${file}\t${hash}\n`);
  for (const extra of ['tsconfig.json', CONFIG, 'scripts/build.mjs']) {
    const file = path.join(serverDir, extra);
    digest.update(`${extra}\t${existsSync(file) ? sha256(readFileSync(file)) : '-'}\n`);
  }
  digest.update(`typescript\t${typescript ?? '-'}\n`);
  return { digest: digest.digest('hex'), files };
}

function readStamp(dist) {
  try {
    return JSON.parse(readFileSync(path.join(dist, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Whether dist/ was built from exactly the sources there are now (false when it or its stamp is missing). An
 * install without the compiler (dev dependencies pruned after the build) takes the one the build was made with.
 */
export function isBuildCurrent(serverDir = SERVER_DIR) {
  const stamp = readStamp(path.join(serverDir, 'dist'));
  if (stamp === null) return false;
  return stamp.digest === sourceState(serverDir, typescriptVersion(serverDir) ?? stamp.typescript).digest;
}

const say = (id, en) => process.stderr.write(`sigap: ${id} / ${en}\n`);

/** A build that cannot be done or failed: its message is for people, Indonesian first. */
export class BuildError extends Error {}

const noCompiler = () =>
  new BuildError(
    'TypeScript tidak terpasang, jadi server/dist tidak dapat dibangun: jalankan `npm ci` (dengan dependensi ' +
      'pengembangan), lalu `npm run build` / TypeScript is not installed, so server/dist cannot be built: run ' +
      '`npm ci` (with the development dependencies), then `npm run build`',
  );

/** The dist/ file names a source file gives: its compiled module and source map, or itself. */
const outputsOf = (file) => {
  if (isDeclaration(file)) return [];
  return isTypeScript(file) ? [file.replace(/\.ts$/, '.js'), file.replace(/\.ts$/, '.js.map')] : [file];
};

function compile(serverDir, state, stamp) {
  const dist = path.join(serverDir, 'dist');
  const buildInfo = path.join(dist, BUILD_INFO);
  // `tsc -b` recompiles what changed by file times. A changed file that is not newer than the last build
  // (restored from an archive, copied with its times) would be missed: then everything is compiled afresh.
  if (stamp && existsSync(buildInfo)) {
    const built = statSync(buildInfo).mtimeMs;
    const changed = Object.keys(state.files).filter((f) => stamp.files?.[f] !== state.files[f]);
    if (changed.some((f) => statSync(path.join(serverDir, 'src', f)).mtimeMs <= built)) rmSync(buildInfo);
  }
  const typescript = typescriptVersion(serverDir);
  const tsc = createRequire(path.join(serverDir, 'package.json')).resolve('typescript/bin/tsc');
  // the compiler's messages go to stderr: stdout may be carrying JSON lines (sigap classify, locate)
  const result = spawnSync(process.execPath, [tsc, '--build', CONFIG], {
    cwd: serverDir,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0)
    throw new BuildError(
      `tsc gagal (${result.status ?? result.signal}): perbaiki galat di atas; server/dist belum dapat dipakai / ` +
        `tsc failed (${result.status ?? result.signal}): fix the errors above; server/dist cannot be used until then`,
    );
  // Files tsc does not compile are copied; dist/ files whose source is gone are removed.
  const src = path.join(serverDir, 'src');
  for (const file of Object.keys(state.files).filter((f) => !isTypeScript(f) && !isDeclaration(f))) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    copyFileSync(path.join(src, file), path.join(dist, file));
  }
  const wanted = new Set([STAMP, BUILD_INFO, ...Object.keys(state.files).flatMap(outputsOf)]);
  for (const file of filesUnder(dist)) if (!wanted.has(file)) rmSync(path.join(dist, file));
  writeFileSync(
    path.join(dist, STAMP),
    `${JSON.stringify({ digest: state.digest, typescript, builtAt: new Date().toISOString(), files: state.files })}\n`,
  );
}

/**
 * Builds dist/ when it is missing or was built from other sources; returns whether it built. One build at a
 * time: a second process waits for the first and then finds dist/ current. A checkout without src/ (a
 * published build) is taken as it is.
 */
async function ensureServerBuilt({ serverDir, force }) {
  if (!existsSync(path.join(serverDir, 'src'))) return false;
  if (!force && isBuildCurrent(serverDir)) return false;
  if (!typescriptVersion(serverDir)) throw noCompiler();
  const { default: lockfile } = await import('proper-lockfile');
  mkdirSync(path.join(serverDir, 'dist'), { recursive: true });
  const release = await lockfile.lock(path.join(serverDir, 'dist'), {
    lockfilePath: path.join(serverDir, '.build.lock'),
    retries: { retries: 600, minTimeout: 200, maxTimeout: 200 },
  });
  try {
    if (!force && isBuildCurrent(serverDir)) return false; // built by another process meanwhile
    const state = sourceState(serverDir);
    const stamp = readStamp(path.join(serverDir, 'dist'));
    say('membangun server/dist dari TypeScript…', 'building server/dist from TypeScript…');
    const started = performance.now();
    compile(serverDir, state, stamp);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(`server/dist selesai dibangun (${seconds} dtk)`, `server/dist built (${seconds} s)`);
    return true;
  } finally {
    await release();
  }
}

/**
 * The web app next to the server (web/scripts/build-web.mjs: Vite, with its own content stamp), when the
 * checkout has one; a build failure there is a BuildError like the server's.
 */
async function ensureWebAppBuilt(serverDir, force) {
  const script = path.join(serverDir, '..', 'web', 'scripts', 'build-web.mjs');
  if (!existsSync(script)) return null;
  const web = await import(pathToFileURL(script).href);
  try {
    return web.ensureWebBuilt({ force });
  } catch (error) {
    if (error instanceof web.WebBuildError) throw new BuildError(error.message);
    throw error;
  }
}

/**
 * Builds what `npm start` runs: server/dist (TypeScript) and web/dist (the citizen app), each only when its
 * sources changed; returns whether anything was built.
 */
export async function ensureBuilt({ serverDir = SERVER_DIR, force = false } = {}) {
  const server = await ensureServerBuilt({ serverDir, force });
  const web = await ensureWebAppBuilt(serverDir, force);
  return server || web === true;
}

/** Run as a script: build when needed (`--force`: in any case); exits 1 with the reason when the build fails. */
export async function main(argv = process.argv.slice(2)) {
  const force = argv.includes('--force');
  try {
    if (!(await ensureServerBuilt({ serverDir: SERVER_DIR, force })))
      say('server/dist sudah mutakhir', 'server/dist is up to date');
    if ((await ensureWebAppBuilt(SERVER_DIR, force)) === false)
      say('web/dist sudah mutakhir', 'web/dist is up to date');
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`sigap: ${error.message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
