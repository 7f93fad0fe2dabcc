import { ConfigError } from '../../config-error.js';

/** The two Meta channels that speak the Messenger Platform's format: a Facebook Page and an Instagram account. */
export type MessengerChannel = 'facebook' | 'instagram';

/**
 * A Facebook Page's or an Instagram professional account's messaging on the Messenger Platform
 * (https://developers.facebook.com/docs/messenger-platform, .../instagram-platform/instagram-api-with-facebook-login/messaging-api).
 */
export interface MessengerConfig {
  /** the channel code of city.json (`facebook`, `instagram`) */
  channel: MessengerChannel;
  /** the Page access token (Instagram: of the Page the account is linked to); a bearer token, never logged */
  accessToken: string;
  /** the Meta app's secret: `X-Hub-Signature-256` is the HMAC-SHA256 of each delivery under it */
  appSecret: string;
  /** the token typed into the app's webhook settings, echoed back in the verification handshake */
  verifyToken: string;
  /** the Page id or the Instagram account id: answers are posted to {graph}/{id}/messages; its own echoes ignored */
  accountId: string;
  /** https://graph.facebook.com/v21.0 (the version is part of it) */
  graphUrl: string;
  /** the hosts a photo a citizen sent may be fetched from (Meta's CDNs, and the Graph API's own host) */
  mediaHosts: string[];
}

const PREFIX: Record<MessengerChannel, string> = { facebook: 'SIGAP_FACEBOOK', instagram: 'SIGAP_INSTAGRAM' };
const ID_NAME: Record<MessengerChannel, string> = { facebook: 'PAGE_ID', instagram: 'ACCOUNT_ID' };
const META_CDNS = ['fbcdn.net', 'fbsbx.com', 'cdninstagram.com', 'facebook.com', 'instagram.com'];

/**
 * The Facebook Page or Instagram channel, from the environment (SIGAP_FACEBOOK_* or SIGAP_INSTAGRAM_*): off unless
 * its access token is set; a half-set channel is a mistake named at start.
 */
export function messengerConfigOf(env: NodeJS.ProcessEnv, channel: MessengerChannel): MessengerConfig | null {
  const prefix = PREFIX[channel];
  const names = {
    accessToken: `${prefix}_ACCESS_TOKEN`,
    appSecret: `${prefix}_APP_SECRET`,
    verifyToken: `${prefix}_VERIFY_TOKEN`,
    accountId: `${prefix}_${ID_NAME[channel]}`,
  };
  const values = Object.fromEntries(
    Object.entries(names).map(([key, name]) => [key, env[name]?.trim() ?? '']),
  ) as Record<keyof typeof names, string>;
  if (!values.accessToken) return null;
  const label = channel === 'facebook' ? 'Facebook' : 'Instagram';
  const missing = Object.entries(names)
    .filter(([key]) => !values[key as keyof typeof names])
    .map(([, name]) => name);
  if (missing.length)
    throw new ConfigError({
      id: `Kanal ${label}: ${missing.join(', ')} belum diisi`,
      en: `${label} channel: ${missing.join(', ')} not set`,
    });
  if (!/^\d{1,32}$/.test(values.accountId))
    throw new ConfigError({
      id: `${names.accountId} harus berupa angka (id Page/akun di Meta Business Suite)`,
      en: `${names.accountId} must be digits (the Page/account id in Meta Business Suite)`,
    });
  const graphUrl = (env[`${prefix}_GRAPH_URL`]?.trim() || 'https://graph.facebook.com/v21.0').replace(
    /\/$/,
    '',
  );
  if (!/^https?:\/\/[^/]+/.test(graphUrl))
    throw new ConfigError({
      id: `${prefix}_GRAPH_URL: "${graphUrl}" bukan alamat http(s)`,
      en: `${prefix}_GRAPH_URL: "${graphUrl}" is not an http(s) address`,
    });
  return { channel, ...values, graphUrl, mediaHosts: [...META_CDNS, new URL(graphUrl).hostname] };
}
