import fs from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import { ConfigError } from '../../config-error.js';

/** Web Push settings from the environment; keys left out are generated once into the data folder. */
export interface PushConfig {
  /** SIGAP_VAPID_PUBLIC_KEY and SIGAP_VAPID_PRIVATE_KEY (base64url, as `web-push generate-vapid-keys` prints). */
  publicKey: string | null;
  privateKey: string | null;
  /** SIGAP_VAPID_SUBJECT: a mailto: or https: address the push services may contact the operator at. */
  subject: string;
  /** SIGAP_PUSH_SERVICES: origins of the push services this server will call; `*.` matches any subdomain. */
  services: string[];
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/**
 * The push services of the browsers people use (Chrome, Edge, Firefox, Safari, Samsung Internet, Opera). A
 * subscription naming any other address is refused: the server would otherwise POST wherever a client asked.
 */
export const DEFAULT_PUSH_SERVICES = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://web.push.apple.com',
  'https://*.notify.windows.com',
];

const DEFAULT_SUBJECT = 'mailto:pengaduan@sigap.invalid';
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:[0-9]{1,5})?$/i;

export function pushConfigOf(env: NodeJS.ProcessEnv): PushConfig {
  const publicKey = env.SIGAP_VAPID_PUBLIC_KEY?.trim() || null;
  const privateKey = env.SIGAP_VAPID_PRIVATE_KEY?.trim() || null;
  if (!publicKey !== !privateKey)
    throw new ConfigError({
      id: 'SIGAP_VAPID_PUBLIC_KEY dan SIGAP_VAPID_PRIVATE_KEY harus diisi bersama (atau keduanya kosong: kunci dibuat sekali di folder data)',
      en: 'SIGAP_VAPID_PUBLIC_KEY and SIGAP_VAPID_PRIVATE_KEY go together (or leave both empty: keys are made once in the data folder)',
    });
  const subject = env.SIGAP_VAPID_SUBJECT?.trim() || DEFAULT_SUBJECT;
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s/]+.*)$/.test(subject))
    throw new ConfigError({
      id: `SIGAP_VAPID_SUBJECT: "${subject}" harus alamat mailto: atau https:`,
      en: `SIGAP_VAPID_SUBJECT: "${subject}" must be a mailto: or https: address`,
    });
  const listed = (env.SIGAP_PUSH_SERVICES ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const origin of listed)
    if (!ORIGIN.test(origin))
      throw new ConfigError({
        id: `SIGAP_PUSH_SERVICES: "${origin}" bukan origin (http[s]://host[:port], boleh *.domain)`,
        en: `SIGAP_PUSH_SERVICES: "${origin}" is not an origin (http[s]://host[:port], *.domain allowed)`,
      });
  if (publicKey && privateKey) checkKeys(publicKey, privateKey, subject);
  return { publicKey, privateKey, subject, services: listed.length ? listed : DEFAULT_PUSH_SERVICES };
}

function checkKeys(publicKey: string, privateKey: string, subject: string): void {
  try {
    webpush.getVapidHeaders('https://push.example', subject, publicKey, privateKey, 'aes128gcm');
  } catch {
    throw new ConfigError({
      id: 'SIGAP_VAPID_PUBLIC_KEY/SIGAP_VAPID_PRIVATE_KEY bukan pasangan kunci VAPID (base64url, P-256)',
      en: 'SIGAP_VAPID_PUBLIC_KEY/SIGAP_VAPID_PRIVATE_KEY are not a VAPID key pair (base64url, P-256)',
    });
  }
}

/**
 * The VAPID keys: from the environment, else `<dataDir>/vapid.json`, made there once (readable by the owner
 * only, like vault.key). Browsers subscribed with the public key; a new key pair would silently end every
 * subscription, so the file is never replaced.
 */
export async function openVapidKeys(config: PushConfig, dataDir: string): Promise<VapidKeys> {
  if (config.publicKey && config.privateKey)
    return { publicKey: config.publicKey, privateKey: config.privateKey, subject: config.subject };
  const file = path.join(dataDir, 'vapid.json');
  const read = async (): Promise<VapidKeys> => {
    const kept = JSON.parse(await fs.readFile(file, 'utf8')) as { publicKey: string; privateKey: string };
    checkKeys(kept.publicKey, kept.privateKey, config.subject);
    return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject: config.subject };
  };
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const keys = webpush.generateVAPIDKeys();
  try {
    await fs.writeFile(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process of this installation made it a moment ago: use theirs
    if ((error as { code?: string }).code === 'EEXIST') return read();
    throw error;
  }
  return { ...keys, subject: config.subject };
}
