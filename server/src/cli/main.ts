import { type ParseArgsConfig, parseArgs } from 'node:util';
import { configFromEnv, fromUserDir } from '../config.js';
import { describeFailure, UsageError, usageErrorOf } from './messages.js';

// Each command's module is imported when it runs: `user create` or `backup` need not load the HTTP server,
// the image library or the category model's code.

/** Each command's synopsis and what it does, Indonesian first, English second. */
const COMMANDS: Array<{ command: string; synopsis: string; id: string; en: string }> = [
  {
    command: 'start',
    synopsis: 'start',
    id: 'menjalankan platform (migrasi, memuat kota, data demo pada basis data kosong)',
    en: 'start the platform (migrates, loads the city, seeds demo data on an empty database)',
  },
  {
    command: 'migrate',
    synopsis: 'migrate',
    id: 'memperbarui skema basis data',
    en: 'bring the database schema up to date',
  },
  {
    command: 'seed',
    synopsis: 'seed',
    id: 'menambah akun demo dan laporan buatan sebulan',
    en: 'add the demo accounts and a month of generated reports',
  },
  {
    command: 'user create',
    synopsis:
      'user create --username U --password P --role officer|verifier|admin|reveal_authority|monitor --unit UNIT_ID [--name N]',
    id: 'membuat akun petugas',
    en: 'create a staff account',
  },
  {
    command: 'backup',
    synopsis: 'backup FILE [--encrypt]',
    id: 'menulis semua tabel ke FILE (JSON lines gzip; untuk kedua mesin basis data); --encrypt: AES-256-GCM dengan frasa sandi SIGAP_BACKUP_PASSPHRASE',
    en: 'write every table to FILE (gzip JSON lines; works on both engines); --encrypt: AES-256-GCM under the SIGAP_BACKUP_PASSPHRASE passphrase',
  },
  {
    command: 'restore',
    synopsis: 'restore FILE',
    id: 'memuat cadangan ke basis data kosong',
    en: 'load a backup into an empty database',
  },
  {
    command: 'classify',
    synopsis: 'classify',
    id: 'JSON lines {"id","text"} di stdin → {"id","category","confidence","top3"} per baris',
    en: 'JSON lines {"id","text"} on stdin → {"id","category","confidence","top3"} per line',
  },
  {
    command: 'classify',
    synopsis: 'classify --train',
    id: 'melatih ulang model kategori (korpus + koreksi petugas) ke folder data',
    en: "retrain the category model (corpus + officers' re-categorisations) into the data folder",
  },
  {
    command: 'classify',
    synopsis: 'classify --eval FILE',
    id: 'akurasi, macro-F1 dan matriks kebingungan pada JSON lines berisi "text" dan "category"',
    en: 'accuracy, macro-F1 and confusion matrix on JSON lines with "text" and "category"',
  },
  {
    command: 'audit',
    synopsis: 'audit verify',
    id: 'periksa rantai hash jejak audit dan riwayat setiap laporan; keluar 1 bila ada yang diubah',
    en: "check the hash chains of the audit trail and of every report's history; exit 1 if anything was changed",
  },
  {
    command: 'submit',
    synopsis: 'submit [--with-tokens]',
    id: 'JSON lines berisi pesan laporan dari kanal mana pun di stdin → tiket per baris (lihat README)',
    en: 'JSON lines of report messages from any channel on stdin → a ticket per line (see the README)',
  },
  {
    command: 'locate',
    synopsis: 'locate',
    id: 'JSON lines ({"id","lat","lng"} atau {"id","text"}) di stdin → kelurahan per baris',
    en: 'JSON lines on stdin ({"id","lat","lng"} or {"id","text"}) → kelurahan per line on stdout',
  },
];

const ENVIRONMENT = `Lingkungan / Environment: PORT, HOST, SIGAP_DATA_DIR, DATABASE_URL, SIGAP_CITY_DIR, SIGAP_CORPUS_DIR,
  SIGAP_VAULT_KEY, SIGAP_VAULT_KEY_FILE, SIGAP_BACKUP_PASSPHRASE, SIGAP_WORKERS, SIGAP_DEMO, SIGAP_INTAKE_PER_MINUTE, SIGAP_FFMPEG, SIGAP_CORS_ORIGINS, SIGAP_MAP_TILES_URL, SIGAP_START_BACKFILL, SIGAP_TRUST_PROXY,
  LOG_LEVEL
Berkas dan folder relatif dihitung dari folder tempat perintah dijalankan.
Relative files and folders are taken from the folder the command was run from.`;

/** The usage of one command, or of all of them. */
export function usage(command: string | null = null): string {
  const shown = COMMANDS.filter((c) => command === null || c.command === command);
  const lines = shown.flatMap((c) => [`  sigap ${c.synopsis}`, `      ${c.id}`, `      ${c.en}`]);
  return ['Penggunaan / Usage:', ...lines, ...(command === null ? ['', ENVIRONMENT] : [])].join('\n');
}

const NEEDS_FILE = (command: string) =>
  new UsageError({ id: `${command} membutuhkan FILE`, en: `${command} needs a FILE` }, command);

/** Options of a command, with node:util's parse errors turned into bilingual usage errors. */
function options<T extends ParseArgsConfig>(command: string, config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw usageErrorOf(error, command) ?? error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case 'migrate':
    case 'seed':
    case 'locate': {
      options(command, { args: rest, options: {} });
      const config = configFromEnv();
      if (command === 'start') return (await import('./start.js')).startCommand(config);
      if (command === 'migrate') return (await import('./admin.js')).migrateCommand(config);
      if (command === 'seed') return (await import('./admin.js')).seedCommand(config);
      return (await import('./locate.js')).locateCommand(config);
    }
    case 'user': {
      const { positionals, values } = options('user create', {
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
      if (positionals.length !== 1 || positionals[0] !== 'create')
        throw new UsageError(
          { id: 'Perintah user yang ada hanya "user create"', en: 'The only user command is "user create"' },
          'user create',
        );
      return (await import('./admin.js')).userCreateCommand(configFromEnv(), values);
    }
    case 'classify': {
      const { values } = options(command, {
        args: rest,
        options: { train: { type: 'boolean' }, eval: { type: 'string' } },
      });
      if (values.train && values.eval !== undefined)
        throw new UsageError(
          {
            id: '--train dan --eval tidak dapat dipakai bersamaan',
            en: '--train and --eval cannot be combined',
          },
          command,
        );
      const file = values.eval === undefined ? undefined : fromUserDir(values.eval);
      const { classifyCommand } = await import('./classify.js');
      return classifyCommand(configFromEnv(), { train: values.train, eval: file });
    }
    case 'audit': {
      const { positionals } = options('audit verify', { args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1 || positionals[0] !== 'verify')
        throw new UsageError(
          {
            id: 'Perintah audit yang ada hanya "audit verify"',
            en: 'The only audit command is "audit verify"',
          },
          'audit',
        );
      return (await import('./audit.js')).auditVerifyCommand(configFromEnv());
    }
    case 'submit': {
      const { values } = options(command, {
        args: rest,
        options: { 'with-tokens': { type: 'boolean' } },
      });
      const { submitCommand } = await import('./submit.js');
      return submitCommand(configFromEnv(), {
        withTokens: values['with-tokens'] ?? false,
        baseDir: fromUserDir('.'),
      });
    }
    case 'backup':
    case 'restore': {
      const { positionals, values } = options(command, {
        args: rest,
        allowPositionals: true,
        options: command === 'backup' ? { encrypt: { type: 'boolean' } } : {},
      });
      if (positionals.length === 0) throw NEEDS_FILE(command);
      if (positionals.length > 1)
        throw new UsageError(
          { id: `Argumen tidak terduga: ${positionals[1]}`, en: `Unexpected argument: ${positionals[1]}` },
          command,
        );
      const file = fromUserDir(positionals[0]!);
      const config = configFromEnv();
      const { backupCommand, restoreCommand } = await import('./backup.js');
      return command === 'backup'
        ? backupCommand(config, file, { encrypt: (values as { encrypt?: boolean }).encrypt ?? false })
        : restoreCommand(config, file);
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(usage());
      return;
    case undefined:
      console.error(usage());
      process.exitCode = 2;
      return;
  }
  throw new UsageError({ id: `Perintah tidak dikenal: ${command}`, en: `Unknown command: ${command}` });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const failure = describeFailure(error);
  console.error(failure.message);
  if (failure.usageOf !== undefined) console.error(`\n${usage(failure.usageOf)}`);
  process.exitCode = failure.exitCode;
});
