import { ConfigError } from '../../config-error.js';

/** A mailbox Sigap reads over IMAP (the city's address hosted by its mail provider). */
export interface ImapConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 993); false: plain IMAP, for a server on loopback only */
  secure: boolean;
  user: string;
  /** the mailbox's password; never logged */
  password: string;
  /** the folder read; a message is handled once it is unseen there */
  mailbox: string;
  /** where a handled message is moved; null: it stays and is marked seen */
  doneMailbox: string | null;
  /** how often the folder is read again when the server cannot say that mail arrived (IDLE), in seconds */
  pollSeconds: number;
}

export interface EmailConfig {
  /** where the SMTP receiver listens; null: no SMTP receiver (the mail comes over IMAP) */
  port: number | null;
  host: string;
  /** the address citizens write to; mail for any other recipient is refused */
  address: string;
  /** the relay replies go out through (`smtp://host:port`); null: receive only */
  relayUrl: string | null;
  /** the largest message accepted, in bytes (attachments included) */
  maxBytes: number;
  /** the mailbox read over IMAP; null: none */
  imap: ImapConfig | null;
}

function portOf(name: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError({
      id: `${name} harus nomor port (0–65535), bukan "${text}"`,
      en: `${name} must be a port number (0–65535), got "${text}"`,
    });
  return port;
}

/**
 * The IMAP mailbox, from SIGAP_IMAP_*: off unless SIGAP_IMAP_HOST is set; the user and password are then
 * required. Plain IMAP (SIGAP_IMAP_TLS=off) is allowed only to a loopback address: the password must not cross a
 * network in clear.
 */
function imapConfigOf(env: NodeJS.ProcessEnv): ImapConfig | null {
  const host = env.SIGAP_IMAP_HOST?.trim();
  if (!host) return null;
  const user = env.SIGAP_IMAP_USER?.trim() ?? '';
  const password = env.SIGAP_IMAP_PASSWORD ?? '';
  const missing = [!user && 'SIGAP_IMAP_USER', !password && 'SIGAP_IMAP_PASSWORD'].filter(Boolean);
  if (missing.length)
    throw new ConfigError({
      id: `Kotak surat IMAP: ${missing.join(', ')} belum diisi`,
      en: `IMAP mailbox: ${missing.join(', ')} not set`,
    });
  const tls = env.SIGAP_IMAP_TLS?.trim().toLowerCase() || 'on';
  if (tls !== 'on' && tls !== 'off')
    throw new ConfigError({
      id: `SIGAP_IMAP_TLS harus on atau off, bukan "${tls}"`,
      en: `SIGAP_IMAP_TLS must be on or off, got "${tls}"`,
    });
  if (tls === 'off' && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host))
    throw new ConfigError({
      id: `SIGAP_IMAP_TLS=off hanya untuk server di komputer ini (127.0.0.1), bukan "${host}"`,
      en: `SIGAP_IMAP_TLS=off is only for a server on this machine (127.0.0.1), not "${host}"`,
    });
  const poll = Number(env.SIGAP_IMAP_POLL_SECONDS?.trim() || 60);
  return {
    host,
    port: portOf('SIGAP_IMAP_PORT', env.SIGAP_IMAP_PORT?.trim() || (tls === 'on' ? '993' : '143')),
    secure: tls === 'on',
    user,
    password,
    mailbox: env.SIGAP_IMAP_MAILBOX?.trim() || 'INBOX',
    doneMailbox: env.SIGAP_IMAP_DONE_MAILBOX?.trim() || null,
    pollSeconds: Number.isFinite(poll) && poll >= 1 ? poll : 60,
  };
}

/**
 * The e-mail channel, from the environment: off unless SIGAP_SMTP_PORT (a receiver of Sigap's own) or
 * SIGAP_IMAP_HOST (a mailbox it reads) is set, or both. SIGAP_EMAIL_ADDRESS names the city's address;
 * SIGAP_SMTP_RELAY_URL the relay for replies (without it, mail is received and never answered).
 */
export function emailConfigOf(env: NodeJS.ProcessEnv): EmailConfig | null {
  const portText = env.SIGAP_SMTP_PORT?.trim();
  const imap = imapConfigOf(env);
  if (!portText && !imap) return null;
  const port = portText ? portOf('SIGAP_SMTP_PORT', portText) : null;
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
    imap,
  };
}
