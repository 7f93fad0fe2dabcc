#!/usr/bin/env node
// `sigap` from the TypeScript sources, through tsx's loader, in this process: the tests spawn this rather than
// bin/sigap.js (which runs the build in dist/), so they always run the code as it is written. Signals such as
// SIGTERM reach the CLI itself, and cluster workers re-run this file.
import { register } from 'tsx/esm/api';

register();
await import('../../src/cli/main.ts');
