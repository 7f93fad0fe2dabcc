import { ConfigError } from '../../config-error.js';
import type { TwilioConfig } from './twilio.js';

const SETTINGS = {
  accountSid: 'SIGAP_SMS_TWILIO_ACCOUNT_SID',
  authToken: 'SIGAP_SMS_TWILIO_AUTH_TOKEN',
  from: 'SIGAP_SMS_FROM',
  publicUrl: 'SIGAP_PUBLIC_URL',
} as const;

/**
 * The SMS channel, from the environment (never from the repository): off unless the gateway's account is set;
 * a half-set account is a mistake named at start rather than a channel that silently never answers.
 */
export function smsConfigOf(env: NodeJS.ProcessEnv): TwilioConfig | null {
  const values = Object.fromEntries(
    Object.entries(SETTINGS).map(([key, name]) => [key, env[name]?.trim() ?? '']),
  ) as Record<keyof typeof SETTINGS, string>;
  if (!values.accountSid && !values.authToken) return null;
  const missing = Object.entries(SETTINGS)
    .filter(([key]) => !values[key as keyof typeof SETTINGS])
    .map(([, name]) => name);
  if (missing.length)
    throw new ConfigError({
      id: `Kanal SMS: ${missing.join(', ')} belum diisi`,
      en: `SMS channel: ${missing.join(', ')} not set`,
    });
  const apiUrl = (env.SIGAP_SMS_TWILIO_API_URL?.trim() || 'https://api.twilio.com').replace(/\/$/, '');
  for (const [name, url] of [
    ['SIGAP_PUBLIC_URL', values.publicUrl],
    ['SIGAP_SMS_TWILIO_API_URL', apiUrl],
  ] as const)
    if (!/^https?:\/\/[^/]+/.test(url))
      throw new ConfigError({
        id: `${name}: "${url}" bukan alamat http(s)`,
        en: `${name}: "${url}" is not an http(s) address`,
      });
  return { ...values, publicUrl: values.publicUrl.replace(/\/$/, ''), apiUrl };
}
