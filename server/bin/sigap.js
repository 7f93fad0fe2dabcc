#!/usr/bin/env node
// The `sigap` command: runs the built server (dist/), compiling it first when it is missing or was built from
// other sources (scripts/build.mjs; a no-op check of ~15 ms otherwise). The CLI runs in this process, so signals
// such as SIGTERM reach the server itself (a wrapper process would die and leave the server running). The tests
// run the TypeScript sources instead (test/support/sigap-from-source.js), never a build.
import { BuildError, ensureBuilt } from '../scripts/build.mjs';

try {
  await ensureBuilt();
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`sigap: ${error.message}\n`);
  process.exit(1);
}
// Stack traces name the TypeScript files and lines (dist/ carries source maps).
process.setSourceMapsEnabled(true);
await import('../dist/cli/main.js');
