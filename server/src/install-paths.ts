import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server package's name in `server/package.json`: the folder holding it is the package root. */
const SERVER_PACKAGE = '@sigap/server';

/**
 * The folder holding `server/package.json`, found by walking up from `from` (a module's `import.meta.url`).
 * The same answer from the TypeScript sources (`server/src/…`, run by tsx and the tests) and from the build
 * (`server/dist/…`), however deep the module sits: a path written relative to one module would silently point
 * elsewhere the day the build's layout changes.
 */
export function serverRootFrom(from: string | URL): string {
  const start = path.dirname(fileURLToPath(from));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isServerManifest(manifest)) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${SERVER_PACKAGE}: no package.json of it above ${start}`);
  }
}

function isServerManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === SERVER_PACKAGE;
  } catch {
    return false;
  }
}

/** `server/`: the server package. */
export const SERVER_ROOT = serverRootFrom(import.meta.url);

/** The root of the checkout (the folder holding `server/`, `data/` and the root package.json). */
export const CHECKOUT_ROOT = path.dirname(SERVER_ROOT);

/** A path inside the checkout, e.g. `fromCheckoutRoot('data', 'jakarta')`. */
export const fromCheckoutRoot = (...parts: string[]): string => path.join(CHECKOUT_ROOT, ...parts);
