import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { DataDirInUseError } from '../store/engine/data-dir-lock.js';
import { backupCommand, restoreCommand } from './backup.js';
import { migrateCommand, seedCommand, userCreateCommand } from './admin.js';
import { classifyCommand } from './classify.js';
import { locateCommand } from './locate.js';
import { startCommand } from './start.js';

const USAGE = `sigap <command>

  start                 start the platform (migrates, loads the city, seeds demo data on an empty database)
  migrate               bring the database schema up to date
  seed                  add the demo accounts and a month of generated reports
  user create --username U --password P --role officer|verifier|admin|reveal_authority --unit UNIT_ID [--name N]
  backup FILE           write every table to FILE (gzip JSON lines; works on both engines)
  restore FILE          load a backup into an empty database
  classify              JSON lines {"id","text"} on stdin → {"id","category","confidence","top3"} per line
  classify --train      retrain the category model (corpus + officers' re-categorisations) into the data folder
  classify --eval FILE  accuracy, macro-F1 and confusion matrix on JSON lines with "text" and "category"
  locate                JSON lines on stdin ({"id","lat","lng"} or {"id","text"}) → kelurahan per line on stdout

Environment: PORT, HOST, SIGAP_DATA_DIR, DATABASE_URL, SIGAP_CITY_DIR, SIGAP_CORPUS_DIR,
             SIGAP_VAULT_KEY, SIGAP_WORKERS, SIGAP_DEMO, LOG_LEVEL`;

async function main(argv: string[]): Promise<void> {
  const config = configFromEnv();
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return startCommand(config);
    case 'migrate':
      return migrateCommand(config);
    case 'seed':
      return seedCommand(config);
    case 'user': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string' },
          unit: { type: 'string' },
          name: { type: 'string' },
        },
      });
      if (positionals[0] !== 'create') break;
      return userCreateCommand(config, values);
    }
    case 'locate':
      return locateCommand(config);
    case 'classify': {
      const { values } = parseArgs({
        args: rest,
        options: { train: { type: 'boolean' }, eval: { type: 'string' } },
      });
      return classifyCommand(config, values);
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) break;
      return command === 'backup' ? backupCommand(config, file) : restoreCommand(config, file);
    }
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DataDirInUseError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
