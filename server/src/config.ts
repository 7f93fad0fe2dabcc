import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped corpus (Indonesian complaints labelled with the category codes); see data/corpus/README.md. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../data/corpus', import.meta.url));

export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database, the vault key and media. */
  dataDir: string;
  /** PostgreSQL server; when absent the embedded engine (PGlite) is used. */
  databaseUrl: string | null;
  /** The city's data folder (regions, units, categories, routing, SLA, calendar). */
  cityDir: string | null;
  /** Labelled complaints the category model is trained on. */
  corpusDir: string;
  /** Base64 of 32 bytes; when absent a key is generated once into the data folder. */
  vaultKey: string | null;
  logLevel: string;
  /** Seconds between sweeps for overdue reports. */
  escalationSweepSeconds: number;
  /** HTTP server processes; more than one needs PostgreSQL (the embedded engine allows one process). */
  workers: number;
  /** Generated demo data on an empty database: `auto` = only on the embedded engine. */
  demo: 'auto' | 'on' | 'off';
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.SIGAP_DATA_DIR || '.sigap-data'),
    databaseUrl: env.DATABASE_URL || null,
    cityDir: env.SIGAP_CITY_DIR ? path.resolve(env.SIGAP_CITY_DIR) : null,
    corpusDir: path.resolve(env.SIGAP_CORPUS_DIR || DEFAULT_CORPUS_DIR),
    vaultKey: env.SIGAP_VAULT_KEY || null,
    logLevel: env.LOG_LEVEL || 'info',
    escalationSweepSeconds: integer('SIGAP_ESCALATION_SWEEP_SECONDS', env.SIGAP_ESCALATION_SWEEP_SECONDS, 60),
    workers:
      env.SIGAP_WORKERS === 'auto'
        ? os.availableParallelism()
        : Math.max(1, integer('SIGAP_WORKERS', env.SIGAP_WORKERS, 1)),
    demo: oneOf('SIGAP_DEMO', env.SIGAP_DEMO, ['auto', 'on', 'off'] as const, 'auto'),
  };
}

/** Where the trained category model is cached. */
export const modelDirOf = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'models');
