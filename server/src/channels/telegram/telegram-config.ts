import { ConfigError } from '../../config-error.js';

export interface TelegramConfig {
  /** the bot's token from @BotFather: it is in every Bot API address, so it is never logged */
  botToken: string;
  /** the secret given to setWebhook (`secret_token`): Telegram sends it back in a header on every update */
  secret: string;
  /** https://api.telegram.org */
  apiUrl: string;
}

/** The Telegram channel, from the environment: off unless a bot token is set; then its webhook secret is required. */
export function telegramConfigOf(env: NodeJS.ProcessEnv): TelegramConfig | null {
  const botToken = env.SIGAP_TELEGRAM_BOT_TOKEN?.trim() ?? '';
  if (!botToken) return null;
  const secret = env.SIGAP_TELEGRAM_SECRET?.trim() ?? '';
  // Telegram's own rule for secret_token: 1–256 characters of A–Z, a–z, 0–9, _ and -
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(secret))
    throw new ConfigError({
      id: 'SIGAP_TELEGRAM_SECRET harus 16–256 karakter A–Z, a–z, 0–9, _ atau - (rahasia webhook untuk setWebhook)',
      en: 'SIGAP_TELEGRAM_SECRET must be 16–256 characters of A–Z, a–z, 0–9, _ or - (the webhook secret given to setWebhook)',
    });
  const apiUrl = (env.SIGAP_TELEGRAM_API_URL?.trim() || 'https://api.telegram.org').replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiUrl))
    throw new ConfigError({
      id: `SIGAP_TELEGRAM_API_URL: "${apiUrl}" bukan alamat http(s)`,
      en: `SIGAP_TELEGRAM_API_URL: "${apiUrl}" is not an http(s) address`,
    });
  return { botToken, secret, apiUrl };
}
