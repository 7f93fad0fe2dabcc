import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BuildError, ensureBuilt, sourceState } from '../../scripts/build.mjs';
import { DEFAULT_CITY_DIR } from '../../src/city/load-city.js';
import { DEFAULT_CORPUS_DIR, DEFAULT_DATA_DIR } from '../../src/config.js';
import { CHECKOUT_ROOT, SERVER_ROOT } from '../../src/install-paths.js';
import { randomPort } from '../support/cli-server.js';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadJs, isWebBuildCurrent } from '../../../web/scripts/build-web.mjs';

// The one test file that runs the build (every other test runs the TypeScript sources): `npm start` runs
// server/dist, built by scripts/build.mjs when the sources changed. It builds the checkout's own dist/, exactly
// as `npm start` would (a no-op when it is current).

const SERVER = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(SERVER, 'dist');
const BUILD = path.join(SERVER, 'scripts', 'build.mjs');

function runBuild(): { status: number | null; stderr: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BUILD], { cwd: SERVER, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, ms: performance.now() - started };
}

/** Every file under `dir`, relative, with `/`. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));

beforeAll(() => {
  const first = runBuild();
  expect(first.status, first.stderr).toBe(0);
}, 300_000);

describe('the build (server/dist)', () => {
  test('every module is compiled with its source map, and every other file of src/ is next to them', () => {
    const sources = filesUnder(path.join(SERVER, 'src'));
    expect(sources.length).toBeGreaterThan(100);
    for (const file of sources) {
      if (file.endsWith('.d.ts')) continue;
      if (file.endsWith('.ts')) {
        const js = path.join(DIST, file.replace(/\.ts$/, '.js'));
        expect(existsSync(js), js).toBe(true);
        expect(existsSync(`${js}.map`), `${js}.map`).toBe(true);
      } else {
        // word lists, the database worker…: read at run time through `new URL('./file', import.meta.url)`
        expect(readFileSync(path.join(DIST, file)), file).toEqual(
          readFileSync(path.join(SERVER, 'src', file)),
        );
      }
    }
    for (const asset of ['text/slang-id.csv', 'text/stopwords-id.txt', 'store/engine/embedded-worker.js'])
      expect(existsSync(path.join(DIST, asset)), asset).toBe(true);
  });

  test('the built modules find the checkout’s folders exactly as the sources do', () => {
    const script = `Promise.all([import('./dist/config.js'), import('./dist/city/load-city.js'), import('./dist/install-paths.js')])
      .then(([c, l, p]) => console.log(JSON.stringify([c.DEFAULT_DATA_DIR, c.DEFAULT_CORPUS_DIR, l.DEFAULT_CITY_DIR, p.SERVER_ROOT, p.CHECKOUT_ROOT])))`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: SERVER,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const fromDist = JSON.parse(result.stdout) as string[];
    expect(fromDist).toEqual([
      DEFAULT_DATA_DIR,
      DEFAULT_CORPUS_DIR,
      DEFAULT_CITY_DIR,
      SERVER_ROOT,
      CHECKOUT_ROOT,
    ]);
    expect(DEFAULT_DATA_DIR).toBe(path.join(path.dirname(SERVER.replace(/\/$/, '')), '.sigap-data'));
    expect(existsSync(path.join(DEFAULT_CITY_DIR, 'city.json'))).toBe(true);
    expect(existsSync(DEFAULT_CORPUS_DIR)).toBe(true);
  });

  test('a build when nothing changed is a quick no-op', () => {
    const again = runBuild();
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('server/dist is up to date');
    expect(again.stderr).toContain('web/dist is up to date');
    expect(again.ms).toBeLessThan(3_000); // ~0.1 s: a hash of the sources, no compiler
  });
});

describe('the web app’s build (web/dist, served at /)', () => {
  test('is current after the build, and its first-load JavaScript stays within the budget', () => {
    expect(isWebBuildCurrent()).toBe(true);
    expect(existsSync(path.join(CHECKOUT_ROOT, 'web', 'dist', 'index.html'))).toBe(true);
    const firstLoad = firstLoadJs();
    expect(firstLoad.files.length).toBeGreaterThan(0);
    expect(firstLoad.gzip).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });
});

describe('whether dist/ is current is decided by the sources’ contents', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sigap-build-state-'));
    await mkdir(path.join(dir, 'src', 'text'), { recursive: true });
    await writeFile(path.join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    await writeFile(path.join(dir, 'src', 'text', 'words.txt'), 'kata\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('an edit, a new file or a removed one changes the digest; touching a file does not', async () => {
    const digest = () => sourceState(dir).digest;
    const before = digest();
    await writeFile(path.join(dir, 'src', 'a.ts'), 'export const a = 1;\n'); // same content, new time
    expect(digest()).toBe(before);
    await writeFile(path.join(dir, 'src', 'a.ts'), 'export const a = 2;\n');
    const edited = digest();
    expect(edited).not.toBe(before);
    await writeFile(path.join(dir, 'src', 'b.ts'), '');
    expect(digest()).not.toBe(edited);
    await rm(path.join(dir, 'src', 'b.ts'));
    expect(digest()).toBe(edited);
    expect(Object.keys(sourceState(dir).files)).toEqual(['a.ts', 'text/words.txt']);
  });

  test('without TypeScript installed, a stale build is refused with what to do, in both languages', async () => {
    const failure = await ensureBuilt({ serverDir: dir }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BuildError);
    expect((failure as Error).message).toMatch(
      /^TypeScript tidak terpasang.* \/ TypeScript is not installed.*npm ci/,
    );
  });
});

describe('the built server', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sigap-built-server-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** `node dist/cli/main.js start`, as `npm start` runs it after the build; resolves once healthy. */
  async function startBuilt(port: number): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [path.join(DIST, 'cli', 'main.js'), 'start'], {
      env: {
        ...process.env,
        SIGAP_DATA_DIR: dataDir,
        PORT: String(port),
        SIGAP_DEMO: 'off',
        LOG_LEVEL: 'info',
      },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    for (let i = 0; i < 1200 && child.exitCode === null; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok && /is running at/.test(output)) return { child, output: () => output };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`the built server did not become ready:\n${output}`);
  }

  const stopped = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });

  test('serves with its security headers, stops on SIGTERM, and a warm restart reuses the cached model', async () => {
    const port = randomPort();
    const cold = await startBuilt(port);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', engine: 'embedded' });
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await stopped(cold.child)).toBe(0);
    expect(cold.output()).toContain('category model trained'); // a new data folder: trained once
    expect(cold.output()).toMatch(/berhenti \/ stopping/);

    const model = path.join(dataDir, 'models', 'category-model.json');
    const trained = (await stat(model)).mtimeMs;
    const warm = await startBuilt(port);
    expect(await stopped(warm.child)).toBe(0);
    expect(warm.output()).not.toContain('category model trained');
    expect((await stat(model)).mtimeMs).toBe(trained);
    // two starts of the built server, one training the model: a guard against a hang, not a time limit (on a busy
    // 2-core machine this took over the default 60 s)
  }, 240_000);
});
