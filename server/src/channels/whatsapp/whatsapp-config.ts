import { ConfigError } from '../../config-error.js';

/** The WhatsApp Business Cloud API (https://developers.facebook.com/docs/whatsapp/cloud-api) for one number. */
export interface WhatsappConfig {
  /** a system user's access token: sent as a bearer token on every Graph API call, never logged */
  accessToken: string;
  /** the Meta app's secret: `X-Hub-Signature-256` is the HMAC-SHA256 of each delivery under it */
  appSecret: string;
  /** the token typed into the app's webhook settings, echoed back in the verification handshake */
  verifyToken: string;
  /** the business phone number's id (not the number itself): replies are posted to {graph}/{id}/messages */
  phoneNumberId: string;
  /** the approved message template for notifications outside the 24-hour window ({{1}} ticket, {{2}} status) */
  template: string;
  /** https://graph.facebook.com/v21.0 (the version is part of it) */
  graphUrl: string;
}

const SETTINGS = {
  accessToken: 'SIGAP_WHATSAPP_ACCESS_TOKEN',
  appSecret: 'SIGAP_WHATSAPP_APP_SECRET',
  verifyToken: 'SIGAP_WHATSAPP_VERIFY_TOKEN',
  phoneNumberId: 'SIGAP_WHATSAPP_PHONE_NUMBER_ID',
  template: 'SIGAP_WHATSAPP_TEMPLATE',
} as const;

/**
 * The WhatsApp channel, from the environment: off unless the access token is set; a half-set channel is a
 * mistake named at start rather than a webhook that refuses every delivery.
 */
export function whatsappConfigOf(env: NodeJS.ProcessEnv): WhatsappConfig | null {
  const values = Object.fromEntries(
    Object.entries(SETTINGS).map(([key, name]) => [key, env[name]?.trim() ?? '']),
  ) as Record<keyof typeof SETTINGS, string>;
  if (!values.accessToken) return null;
  const missing = Object.entries(SETTINGS)
    .filter(([key]) => !values[key as keyof typeof SETTINGS])
    .map(([, name]) => name);
  if (missing.length)
    throw new ConfigError({
      id: `Kanal WhatsApp: ${missing.join(', ')} belum diisi`,
      en: `WhatsApp channel: ${missing.join(', ')} not set`,
    });
  if (!/^\d{1,32}$/.test(values.phoneNumberId))
    throw new ConfigError({
      id: 'SIGAP_WHATSAPP_PHONE_NUMBER_ID harus berupa angka (Phone number ID di WhatsApp Manager, bukan nomornya)',
      en: 'SIGAP_WHATSAPP_PHONE_NUMBER_ID must be digits (the Phone number ID in WhatsApp Manager, not the number)',
    });
  if (!/^[a-z0-9_]{1,512}$/.test(values.template))
    throw new ConfigError({
      id: 'SIGAP_WHATSAPP_TEMPLATE harus nama templat: huruf kecil, angka dan _',
      en: 'SIGAP_WHATSAPP_TEMPLATE must be a template name: lower-case letters, digits and _',
    });
  const graphUrl = (env.SIGAP_WHATSAPP_GRAPH_URL?.trim() || 'https://graph.facebook.com/v21.0').replace(
    /\/$/,
    '',
  );
  if (!/^https?:\/\/[^/]+/.test(graphUrl))
    throw new ConfigError({
      id: `SIGAP_WHATSAPP_GRAPH_URL: "${graphUrl}" bukan alamat http(s)`,
      en: `SIGAP_WHATSAPP_GRAPH_URL: "${graphUrl}" is not an http(s) address`,
    });
  return { ...values, graphUrl };
}
