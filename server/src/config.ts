import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { type MapTiles, mapTilesOf } from './http/map-tiles.js';
import type { TwilioConfig } from './channels/sms/twilio.js';
import { smsConfigOf } from './channels/sms/sms-config.js';
import { type LaporConfig, laporConfigOf } from './channels/lapor/lapor-config.js';
import { type EmailConfig, emailConfigOf } from './channels/email/email-config.js';
import { type TelegramConfig, telegramConfigOf } from './channels/telegram/telegram-config.js';
import { type WhatsappConfig, whatsappConfigOf } from './channels/whatsapp/whatsapp-config.js';
import { type PushConfig, pushConfigOf } from './channels/push/push-config.js';
import { type MessengerConfig, messengerConfigOf } from './channels/messenger/messenger-config.js';
import { type XConfig, xConfigOf } from './channels/x/x-config.js';
import { DEFAULT_HTTP_OPTIONS } from './http/http-options.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from './media/media-types.js';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './services/identity/sign-in-limits.js';
import { fromCheckoutRoot, SERVER_ROOT } from './install-paths.js';

/** The shipped corpus (Indonesian complaints labelled with the category codes); see data/corpus/README.md. */
export const DEFAULT_CORPUS_DIR = fromCheckoutRoot('data', 'corpus');

/**
 * The default data folder: `.sigap-data` at the root of this checkout, wherever a command is run from. Tied to
 * the installation rather than to a working folder, so `npm start` (run by npm inside `server/`) and
 * `npm run sigap -- user create` run from any folder of the checkout open the same database; a folder
 * relative to where the command ran would quietly give each place its own empty database. `.gitignore`
 * covers it.
 */
export const DEFAULT_DATA_DIR = fromCheckoutRoot('.sigap-data');

/** Where the default data folder used to be: `server/.sigap-data`, the folder npm runs the scripts in. */
const EARLIER_DEFAULT_DATA_DIR = path.join(SERVER_ROOT, '.sigap-data');

export { ConfigError } from './config-error.js';

/**
 * The folder the person ran the command from. npm runs a workspace's scripts inside the workspace
 * (`server/`) and says where it was started in INIT_CWD; outside npm that is the working folder.
 */
export const userDir = (env: NodeJS.ProcessEnv = process.env): string => env.INIT_CWD || process.cwd();

/** A path given on the command line or in the environment, relative to the folder the command was run from. */
export const fromUserDir = (file: string, env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(userDir(env), file);

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
  /** A file holding the base64 key, kept apart from the data folder (SIGAP_VAULT_KEY_FILE). */
  vaultKeyFile: string | null;
  logLevel: string;
  /** Seconds between sweeps for overdue reports. */
  escalationSweepSeconds: number;
  /** HTTP server processes; more than one needs PostgreSQL (the embedded engine allows one process). */
  workers: number;
  /** New reports a minute from one address over HTTP; 0 = no limit. */
  intakePerMinute: number;
  /** Requests with an unknown citizen token a minute from one address before 429; 0 = no limit. */
  badCitizenTokensPerMinute: number;
  /** Writes a minute by one staff account before 429; 0 = no limit. */
  staffWritesPerMinute: number;
  /** Upload caps: per photo, per video, per request (bytes) and pixels per photo. */
  mediaLimits: MediaLimits;
  /** Generated demo data on an empty database: `auto` = only on the embedded engine. */
  demo: 'auto' | 'on' | 'off';
  /** The ffmpeg that transcodes videos (see ffmpegOf); without one, videos are refused and photos still work. */
  ffmpeg: string;
  /** Origins (`scheme://host[:port]`) whose pages may call the API from a browser; none by default. */
  corsOrigins: string[];
  /** A raster tile server for the web app's maps (http/map-tiles.ts); null: outlines only. */
  mapTiles: MapTiles | null;
  /** Fill in public texts, public notes and hash links of rows older than their migrations, after start. */
  startBackfill: boolean;
  /** The reverse proxies whose X-Forwarded-For/-Proto are believed (SIGAP_TRUST_PROXY); none by default. */
  trustProxy: TrustProxy;
  /** The SMS channel's gateway account (channels/sms/sms-config.ts); null: no SMS channel. */
  sms: TwilioConfig | null;
  /** The e-mail channel: the SMTP receiver, the IMAP mailbox, the relay for replies (channels/email/email-config.ts). */
  email: EmailConfig | null;
  /** The Telegram bot: its token, webhook secret and API address (channels/telegram/telegram-config.ts). */
  telegram: TelegramConfig | null;
  /** The WhatsApp Business number on Meta's Cloud API (channels/whatsapp/whatsapp-config.ts). */
  whatsapp: WhatsappConfig | null;
  /** The city's Facebook Page and Instagram account on Meta's Messenger Platform (channels/messenger/). */
  facebook: MessengerConfig | null;
  instagram: MessengerConfig | null;
  /** The city's X account: Account Activity webhook and API v2 (channels/x/); channel code `twitter`. */
  twitter: XConfig | null;
  /** The SP4N-LAPOR! hand-over: signed reports in, statuses back to its API (channels/lapor/). */
  lapor: LaporConfig | null;
  /** Failed staff sign-ins per account and per address (15 minutes) before they are refused for a while. */
  signIn: SignInLimits;
  /** Web Push: VAPID keys (else made once in the data folder), subject, allowed push services. */
  push: PushConfig;
}

/** Fastify's trustProxy: false, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = false | string[];

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new ConfigError({
      id: `${name} harus berupa bilangan bulat, bukan "${value}"`,
      en: `${name} must be a whole number, got "${value}"`,
    });
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
  throw new ConfigError({
    id: `${name} harus salah satu dari ${allowed.join(', ')}, bukan "${value}"`,
    en: `${name} must be one of ${allowed.join(', ')}, got "${value}"`,
  });
}

/**
 * SIGAP_DATA_DIR, or the default folder. A checkout that already keeps its data where earlier versions put it
 * (`server/.sigap-data`), and nothing at the new place, goes on using it rather than starting an empty database.
 */
function dataDirOf(env: NodeJS.ProcessEnv): string {
  if (env.SIGAP_DATA_DIR) return fromUserDir(env.SIGAP_DATA_DIR, env);
  if (!existsSync(DEFAULT_DATA_DIR) && existsSync(EARLIER_DEFAULT_DATA_DIR)) return EARLIER_DEFAULT_DATA_DIR;
  return DEFAULT_DATA_DIR;
}

/**
 * Configuration from the environment. Relative folders are taken from where the command was run (see userDir),
 * not from `server/`, where npm runs the scripts.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: dataDirOf(env),
    databaseUrl: env.DATABASE_URL || null,
    cityDir: env.SIGAP_CITY_DIR ? fromUserDir(env.SIGAP_CITY_DIR, env) : null,
    corpusDir: env.SIGAP_CORPUS_DIR ? fromUserDir(env.SIGAP_CORPUS_DIR, env) : DEFAULT_CORPUS_DIR,
    vaultKey: env.SIGAP_VAULT_KEY || null,
    vaultKeyFile: env.SIGAP_VAULT_KEY_FILE ? fromUserDir(env.SIGAP_VAULT_KEY_FILE, env) : null,
    logLevel: env.LOG_LEVEL || 'info',
    escalationSweepSeconds: integer('SIGAP_ESCALATION_SWEEP_SECONDS', env.SIGAP_ESCALATION_SWEEP_SECONDS, 60),
    intakePerMinute: integer(
      'SIGAP_INTAKE_PER_MINUTE',
      env.SIGAP_INTAKE_PER_MINUTE,
      DEFAULT_HTTP_OPTIONS.intakePerMinute,
    ),
    badCitizenTokensPerMinute: integer(
      'SIGAP_BAD_TOKENS_PER_MINUTE',
      env.SIGAP_BAD_TOKENS_PER_MINUTE,
      DEFAULT_HTTP_OPTIONS.badCitizenTokensPerMinute,
    ),
    staffWritesPerMinute: integer(
      'SIGAP_STAFF_WRITES_PER_MINUTE',
      env.SIGAP_STAFF_WRITES_PER_MINUTE,
      DEFAULT_HTTP_OPTIONS.staffWritesPerMinute,
    ),
    mediaLimits: mediaLimitsOf(env),
    workers:
      env.SIGAP_WORKERS === 'auto'
        ? os.availableParallelism()
        : Math.max(1, integer('SIGAP_WORKERS', env.SIGAP_WORKERS, 1)),
    demo: oneOf('SIGAP_DEMO', env.SIGAP_DEMO, ['auto', 'on', 'off'] as const, 'auto'),
    ffmpeg: ffmpegOf(env),
    corsOrigins: corsOriginsOf(env),
    mapTiles: mapTilesOf(env),
    trustProxy: trustProxyOf(env),
    signIn: {
      accountFailures: Math.max(
        1,
        integer(
          'SIGAP_SIGN_IN_ACCOUNT_FAILURES',
          env.SIGAP_SIGN_IN_ACCOUNT_FAILURES,
          DEFAULT_SIGN_IN_LIMITS.accountFailures,
        ),
      ),
      addressFailures: Math.max(
        1,
        integer(
          'SIGAP_SIGN_IN_ADDRESS_FAILURES',
          env.SIGAP_SIGN_IN_ADDRESS_FAILURES,
          DEFAULT_SIGN_IN_LIMITS.addressFailures,
        ),
      ),
    },
    startBackfill:
      oneOf('SIGAP_START_BACKFILL', env.SIGAP_START_BACKFILL, ['on', 'off'] as const, 'on') === 'on',
    sms: smsConfigOf(env),
    email: emailConfigOf(env),
    telegram: telegramConfigOf(env),
    whatsapp: whatsappConfigOf(env),
    push: pushConfigOf(env),
    facebook: messengerConfigOf(env, 'facebook'),
    instagram: messengerConfigOf(env, 'instagram'),
    twitter: xConfigOf(env),
    lapor: laporConfigOf(env),
  };
}

const MB = 1024 * 1024;

/** A cap given in (mega)units that must not be 0: a zero cap would refuse every upload. */
function positive(name: string, value: string | undefined, unit: number, fallback: number): number {
  const parsed = integer(name, value, Math.round(fallback / unit));
  if (parsed === 0)
    throw new ConfigError({
      id: `${name} harus lebih dari 0`,
      en: `${name} must be more than 0`,
    });
  return parsed * unit;
}

/**
 * Upload caps: SIGAP_PHOTO_MAX_MB, SIGAP_VIDEO_MAX_MB (each file), SIGAP_UPLOAD_MAX_MB (all files of one request
 * together; default: five photos and one video at their caps) and SIGAP_PHOTO_MAX_MEGAPIXELS.
 */
export function mediaLimitsOf(env: NodeJS.ProcessEnv): MediaLimits {
  const maxPhotoBytes = positive(
    'SIGAP_PHOTO_MAX_MB',
    env.SIGAP_PHOTO_MAX_MB,
    MB,
    DEFAULT_MEDIA_LIMITS.maxPhotoBytes,
  );
  const maxVideoBytes = positive(
    'SIGAP_VIDEO_MAX_MB',
    env.SIGAP_VIDEO_MAX_MB,
    MB,
    DEFAULT_MEDIA_LIMITS.maxVideoBytes,
  );
  const everyFile =
    maxPhotoBytes * DEFAULT_MEDIA_LIMITS.maxPhotosPerReport +
    maxVideoBytes * DEFAULT_MEDIA_LIMITS.maxVideosPerReport;
  return {
    ...DEFAULT_MEDIA_LIMITS,
    maxPhotoBytes,
    maxVideoBytes,
    maxUploadBytes: positive('SIGAP_UPLOAD_MAX_MB', env.SIGAP_UPLOAD_MAX_MB, MB, everyFile),
    maxPixels: positive(
      'SIGAP_PHOTO_MAX_MEGAPIXELS',
      env.SIGAP_PHOTO_MAX_MEGAPIXELS,
      1_000_000,
      DEFAULT_MEDIA_LIMITS.maxPixels,
    ),
  };
}

/**
 * SIGAP_FFMPEG: a path to ffmpeg (a relative one from where the command was run, like every path here), or a
 * command name looked up on PATH; by default `ffmpeg` on PATH (Debian: `apt-get install ffmpeg`).
 */
export function ffmpegOf(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SIGAP_FFMPEG?.trim();
  if (!value) return 'ffmpeg';
  return value.includes('/') || value.includes(path.sep) ? fromUserDir(value, env) : value;
}

/**
 * SIGAP_TRUST_PROXY: the reverse proxies in front of Sigap, as a comma-separated list of addresses or CIDR ranges
 * (`127.0.0.1`, `10.0.0.0/8`). Only their X-Forwarded-For and X-Forwarded-Proto count: the
 * client's address (per-address limits) and https (the session cookie's Secure flag). Unset: none is believed.
 */
export function trustProxyOf(env: NodeJS.ProcessEnv = process.env): TrustProxy {
  const value = (env.SIGAP_TRUST_PROXY ?? '').trim();
  if (value === '') return false;
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !/^[0-9a-fA-F:.]+(\/[0-9]{1,3})?$/.test(e));
  if (bad !== undefined)
    throw new ConfigError({
      id: `SIGAP_TRUST_PROXY: "${bad}" bukan alamat IP atau rentang CIDR`,
      en: `SIGAP_TRUST_PROXY: "${bad}" is not an IP address or a CIDR range`,
    });
  return entries;
}

/**
 * SIGAP_CORS_ORIGINS: a comma-separated list of exact origins (`https://lapor.example.go.id`) whose pages may
 * call the API from a browser. Empty by default: no cross-origin access. `*`, paths, trailing slashes and
 * upper-case hosts are refused rather than guessed at, since a browser compares the origin as a string.
 */
export function corsOriginsOf(env: NodeJS.ProcessEnv = process.env): string[] {
  const origins = (env.SIGAP_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // not a URL at all
    }
    if (parsed && /^https?:$/.test(parsed.protocol) && parsed.origin === origin) continue;
    const hint = parsed && /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
    throw new ConfigError({
      id:
        `SIGAP_CORS_ORIGINS: "${origin}" bukan origin yang persis (http[s]://host[:port], tanpa path atau garis miring ` +
        `di akhir; "*" tidak diterima)${hint ? `; maksudnya "${hint}"?` : ''}`,
      en:
        `SIGAP_CORS_ORIGINS: "${origin}" is not an exact origin (http[s]://host[:port], no path or trailing slash; ` +
        `"*" is not accepted)${hint ? `; did you mean "${hint}"?` : ''}`,
    });
  }
  return [...new Set(origins)];
}

/** Where the trained category model is cached. */
export const modelDirOf = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'models');
