import { ConfigError } from '../../config-error.js';

/**
 * The SP4N-LAPOR! hand-over (channels/lapor/): the shared secret that signs each forwarded report, and LAPOR!'s
 * API for the status changes sent back. `apiUrl` points elsewhere only in tests (a local fake).
 */
export interface LaporConfig {
  /** HMAC-SHA256 key of `X-Lapor-Signature` on every forwarded report */
  webhookSecret: string;
  /** the base address of LAPOR!'s integration API, e.g. https://api.lapor.example */
  apiUrl: string;
  /** the bearer token LAPOR! gave the city for its API */
  apiToken: string;
}

const SETTINGS = {
  webhookSecret: 'SIGAP_LAPOR_WEBHOOK_SECRET',
  apiUrl: 'SIGAP_LAPOR_API_URL',
  apiToken: 'SIGAP_LAPOR_API_TOKEN',
} as const;

/**
 * The channel from the environment: off unless one of its variables is set; a half-set channel (reports in, but
 * no way to send their statuses back, or the reverse) is named at start rather than failing quietly later.
 */
export function laporConfigOf(env: NodeJS.ProcessEnv): LaporConfig | null {
  const values = Object.fromEntries(
    Object.entries(SETTINGS).map(([key, name]) => [key, env[name]?.trim() ?? '']),
  ) as Record<keyof typeof SETTINGS, string>;
  if (!values.webhookSecret && !values.apiUrl && !values.apiToken) return null;
  const missing = Object.entries(SETTINGS)
    .filter(([key]) => !values[key as keyof typeof SETTINGS])
    .map(([, name]) => name);
  if (missing.length)
    throw new ConfigError({
      id: `Kanal LAPOR!: ${missing.join(', ')} belum diisi`,
      en: `LAPOR! channel: ${missing.join(', ')} not set`,
    });
  if (values.webhookSecret.length < 32)
    throw new ConfigError({
      id: 'SIGAP_LAPOR_WEBHOOK_SECRET harus minimal 32 karakter',
      en: 'SIGAP_LAPOR_WEBHOOK_SECRET must be at least 32 characters',
    });
  if (!/^https?:\/\/[^/]+/.test(values.apiUrl))
    throw new ConfigError({
      id: `SIGAP_LAPOR_API_URL: "${values.apiUrl}" bukan alamat http(s)`,
      en: `SIGAP_LAPOR_API_URL: "${values.apiUrl}" is not an http(s) address`,
    });
  return { ...values, apiUrl: values.apiUrl.replace(/\/$/, '') };
}
