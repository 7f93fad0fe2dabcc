import { ConfigError } from '../../config-error.js';

/** The city's X (Twitter) account on the Account Activity webhook and the X API v2. */
export interface XConfig {
  /** the app's API key and secret: the secret also signs webhook deliveries and answers the CRC challenge */
  consumerKey: string;
  consumerSecret: string;
  /** the city account's OAuth 1.0a user token and secret (they do not expire): every API call is signed with them */
  accessToken: string;
  accessTokenSecret: string;
  /** the city account's numeric id: its own tweets and messages in a delivery are not reports */
  userId: string;
  /** https://api.x.com (tests point it at a fake) */
  apiUrl: string;
  /** hosts a photo in a message may be fetched from (X's media hosts and the API's own) */
  mediaHosts: string[];
}

const SETTINGS = {
  consumerKey: 'SIGAP_X_CONSUMER_KEY',
  consumerSecret: 'SIGAP_X_CONSUMER_SECRET',
  accessToken: 'SIGAP_X_ACCESS_TOKEN',
  accessTokenSecret: 'SIGAP_X_ACCESS_TOKEN_SECRET',
  userId: 'SIGAP_X_USER_ID',
} as const;

/** The X channel, from the environment: off unless SIGAP_X_CONSUMER_SECRET is set; a half-set channel is named. */
export function xConfigOf(env: NodeJS.ProcessEnv): XConfig | null {
  const values = Object.fromEntries(
    Object.entries(SETTINGS).map(([key, name]) => [key, env[name]?.trim() ?? '']),
  ) as Record<keyof typeof SETTINGS, string>;
  if (!values.consumerSecret) return null;
  const missing = Object.entries(SETTINGS)
    .filter(([key]) => !values[key as keyof typeof SETTINGS])
    .map(([, name]) => name);
  if (missing.length)
    throw new ConfigError({
      id: `Kanal X: ${missing.join(', ')} belum diisi`,
      en: `X channel: ${missing.join(', ')} not set`,
    });
  if (!/^\d{1,32}$/.test(values.userId))
    throw new ConfigError({
      id: 'SIGAP_X_USER_ID harus id angka akun kota (bukan @nama)',
      en: 'SIGAP_X_USER_ID must be the city account’s numeric id (not its @name)',
    });
  const apiUrl = (env.SIGAP_X_API_URL?.trim() || 'https://api.x.com').replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(apiUrl))
    throw new ConfigError({
      id: `SIGAP_X_API_URL: "${apiUrl}" bukan alamat http(s) tanpa jalur`,
      en: `SIGAP_X_API_URL: "${apiUrl}" is not an http(s) address without a path`,
    });
  return { ...values, apiUrl, mediaHosts: ['ton.twitter.com', 'pbs.twimg.com', new URL(apiUrl).hostname] };
}
