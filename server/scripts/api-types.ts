// npm run api:types — writes clients/api/openapi.json and clients/api/sigap-api.d.ts from the app's routes.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { configFromEnv } from '../src/config.js';
import { openApiDocument } from '../src/http/openapi-document.js';
import { bootContext } from '../src/services/app/boot.js';
import { API_CLIENT_DIR, renderApiClient } from './api-client.js';

// The app is built on a throwaway embedded database (never listening): only its routes and schemas are read.
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-api-types-'));
try {
  const config = { ...configFromEnv({}), dataDir, databaseUrl: null };
  const ctx = await bootContext(config, pino({ level: 'warn' }), { syncCity: false, classifier: false });
  try {
    const files = await renderApiClient(await openApiDocument(ctx));
    await fs.mkdir(API_CLIENT_DIR, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      await fs.writeFile(path.join(API_CLIENT_DIR, name), text);
      console.log(`wrote ${path.relative(process.cwd(), path.join(API_CLIENT_DIR, name))}`);
    }
  } finally {
    await ctx.store.close();
  }
} finally {
  await fs.rm(dataDir, { recursive: true, force: true });
}
