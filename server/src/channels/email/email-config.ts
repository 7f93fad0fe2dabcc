import { ConfigError } from '../../config-error.js';

export interface EmailConfig {
  /** where the SMTP receiver listens */
  port: number;
  host: string;
  /** the address citizens write to; mail for any other recipient is refused */
  address: string;
  /** the relay replies go out through (`smtp://host:port`); null: receive only */
  relayUrl: string | null;
  /** the largest message accepted, in bytes (attachments included) */
  maxBytes: number;
}

/**
 * The e-mail channel, from the environment: off unless SIGAP_SMTP_PORT is set. SIGAP_EMAIL_ADDRESS names the
 * city's address; SIGAP_SMTP_RELAY_URL the relay for replies (without it, mail is received and never answered).
 */
export function emailConfigOf(env: NodeJS.ProcessEnv): EmailConfig | null {
  const portText = env.SIGAP_SMTP_PORT?.trim();
  if (!portText) return null;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError({
      id: `SIGAP_SMTP_PORT harus nomor port (0–65535), bukan "${portText}"`,
      en: `SIGAP_SMTP_PORT must be a port number (0–65535), got "${portText}"`,
    });
  const address = env.SIGAP_EMAIL_ADDRESS?.trim().toLowerCase() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
    throw new ConfigError({
      id: `SIGAP_EMAIL_ADDRESS harus alamat surel kota (mis. lapor@kota.go.id), bukan "${address}"`,
      en: `SIGAP_EMAIL_ADDRESS must be the city's e-mail address (e.g. lapor@kota.go.id), got "${address}"`,
    });
  const relayUrl = env.SIGAP_SMTP_RELAY_URL?.trim() || null;
  if (relayUrl && !/^smtps?:\/\/[^/]+/.test(relayUrl))
    throw new ConfigError({
      id: `SIGAP_SMTP_RELAY_URL harus smtp://host:port atau smtps://…, bukan "${relayUrl}"`,
      en: `SIGAP_SMTP_RELAY_URL must be smtp://host:port or smtps://…, got "${relayUrl}"`,
    });
  const maxMb = Number(env.SIGAP_EMAIL_MAX_MB?.trim() || 25);
  return {
    port,
    host: env.SIGAP_SMTP_HOST?.trim() || '127.0.0.1',
    address,
    relayUrl,
    maxBytes: Math.round((Number.isFinite(maxMb) && maxMb > 0 ? maxMb : 25) * 1024 * 1024),
  };
}
