#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader: no build step, and signals such as SIGTERM
// reach the CLI itself (a wrapper process would die and leave the server running).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
