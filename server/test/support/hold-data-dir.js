#!/usr/bin/env node
// Opens the embedded store on SIGAP_DATA_DIR (taking its lock), prints `held <socket folder>` and waits to be
// killed: the crash the lock and socket-folder tests recover from.
import { register } from 'tsx/esm/api';

register();
const { openStore } = await import('../../src/store/database.ts');
await openStore({ databaseUrl: null, dataDir: process.env.SIGAP_DATA_DIR });
process.stdout.write('held\n');
setInterval(() => {}, 60_000);
