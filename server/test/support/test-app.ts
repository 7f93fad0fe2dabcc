import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp } from '../../src/http/app.js';
import { FileMediaStore } from '../../src/media/media-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../../src/media/media-types.js';
import type { Classifier } from '../../src/classify/classifier.js';
import { DEFAULT_CORPUS_DIR } from '../../src/config.js';
import { Vault } from '../../src/security/vault.js';
import type { AppContext } from '../../src/services/app/app-context.js';
import { loadClassifier } from '../../src/services/model/category-model.js';
import { type CityContext, loadCityContext } from '../../src/services/app/city-context.js';
import { MediaService } from '../../src/services/intake/media-service.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { syncReferenceData } from '../../src/services/app/reference-data.js';
import type { Engine, Store } from '../../src/store/database.js';
import type { UserRole } from '../../src/store/schema.js';
import { call } from './http.js';
import { openTestStore } from './test-store.js';

let cityPromise: Promise<CityContext> | null = null;
export function jakarta(): Promise<CityContext> {
  cityPromise ??= loadCityContext(null);
  return cityPromise;
}

let classifierPromise: Promise<Classifier> | null = null;
/**
 * The category model trained on the shipped corpus; cached across test files in the system's temp folder.
 * `sigap-test-models` is deliberately shared and never removed (training takes seconds; the cache is keyed
 * by the training set's fingerprint, so a changed corpus retrains): unlike the per-test folders, it is not a leak.
 */
export function testClassifier(): Promise<Classifier> {
  classifierPromise ??= jakarta().then(async (city) => {
    const modelDir = path.join(os.tmpdir(), 'sigap-test-models');
    return (await loadClassifier(city.city, { corpusDir: DEFAULT_CORPUS_DIR, modelDir }, null)).classifier;
  });
  return classifierPromise;
}

export interface TestContext extends AppContext {
  /** Everything the server logged, one JSON line each. */
  logLines: string[];
  setNow(date: Date): void;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A complete application context on a fresh database of the given engine, with a movable clock. */
export async function testContext(
  engine: Engine,
  start = new Date('2026-11-23T02:00:00Z'),
  openStoreFor: (engine: Engine) => Promise<Store> = openTestStore,
): Promise<TestContext> {
  const store = await openStoreFor(engine);
  const city = await jakarta();
  await syncReferenceData(store.db, city);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-test-'));
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let now = start.getTime();
  return {
    store,
    city,
    vault: Vault.fromKey(randomBytes(32)),
    classifier: await testClassifier(),
    media: new MediaService(
      new FileMediaStore(path.join(dir, 'media')),
      DEFAULT_MEDIA_LIMITS,
      path.join(dir, 'tmp'),
    ),
    now: () => new Date(now),
    log: pino({ level: 'debug' }, sink),
    logLines,
    setNow: (date) => (now = date.getTime()),
    advance: (ms) => (now += ms),
    async close() {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  ctx: TestContext;
  url: string;
  /** the Node HTTP server (a test may cut its connections) */
  http?: import('node:http').Server;
  close(): Promise<void>;
}

/** The real HTTP server on a loopback port. */
export async function testServer(
  engine: Engine,
  options?: Parameters<typeof buildApp>[1],
): Promise<TestServer> {
  const ctx = await testContext(engine);
  const app = await buildApp(ctx, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    url: `http://127.0.0.1:${port}`,
    http: app.server,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export const STAFF_PASSWORD = 'kata-sandi-uji-123';

/** Creates a staff account and signs it in over HTTP; returns its bearer token. */
export async function signInStaff(
  server: TestServer,
  username: string,
  role: UserRole,
  unitId: string,
): Promise<string> {
  await createUser(server.ctx, { username, password: STAFF_PASSWORD, role, unitId, displayName: username });
  const login = await call<{ token?: string }>(server.url, 'POST', '/api/v1/auth/login', {
    json: { username, password: STAFF_PASSWORD },
  });
  if (login.status !== 200 || !login.body.token) throw new Error(`sign-in failed: ${login.text}`);
  return login.body.token;
}
