import type { TwilioConfig } from '../channels/sms/twilio.js';
import type { TelegramConfig } from '../channels/telegram/telegram-config.js';
import type { WhatsappConfig } from '../channels/whatsapp/whatsapp-config.js';
import type { MessengerConfig } from '../channels/messenger/messenger-config.js';
import type { XConfig } from '../channels/x/x-config.js';
import type { LaporConfig } from '../channels/lapor/lapor-config.js';
import type { TrustProxy } from '../config.js';
import type { MapTiles } from './map-tiles.js';
import type { LiveRouteOptions } from '../routes/live/route.js';
import type { SignInLimits } from '../services/identity/sign-in-limits.js';

export interface HttpOptions {
  /** New reports a minute from one address (0: no limit). */
  intakePerMinute: number;
  /** Requests with a citizen token that matches nobody, a minute from one address, before 429 (0: no limit). */
  badCitizenTokensPerMinute?: number;
  /** Writes (officer actions, desk intake) a minute by one staff account (0: no limit). */
  staffWritesPerMinute?: number;
  /** Reverse proxies whose forwarded address and protocol are believed (none by default). */
  trustProxy?: TrustProxy;
  /** The SMS gateway's account: its webhook is served only when set. */
  sms?: TwilioConfig | null;
  /** The Telegram bot: its webhook is served only when set. */
  telegram?: TelegramConfig | null;
  /** The WhatsApp Business number: its webhook is served only when set. */
  whatsapp?: WhatsappConfig | null;
  /** the Facebook Page's and the Instagram account's messages (channels/messenger/) */
  facebook?: MessengerConfig | null;
  instagram?: MessengerConfig | null;
  /** the X account's direct messages and mentions (channels/x/) */
  twitter?: XConfig | null;
  /** the SP4N-LAPOR! hand-over (channels/lapor/): its webhook is served only when set */
  lapor?: LaporConfig | null;
  /** Failed staff sign-ins that lock an account or an address for a while (DEFAULT_SIGN_IN_LIMITS). */
  signIn?: SignInLimits;
  /** The built web app's folder (default web/dist of the checkout; null: serve no app). */
  webRoot?: string | null;
  /** A tile server for the web app's maps (SIGAP_MAP_TILES_URL); none by default. */
  mapTiles?: MapTiles | null;
  /** The live feed's heartbeat and database listener timings (tests shorten them). */
  live?: LiveRouteOptions;
}

/**
 * 60 a minute: a person files a handful, but many citizens on one mobile carrier can share an address (CGNAT).
 * Behind a reverse proxy the proxy's address is what counts unless Fastify is told to trust it.
 */
export const DEFAULT_HTTP_OPTIONS = {
  intakePerMinute: 60,
  // a client holds one token or a few; guessing needs many
  badCitizenTokensPerMinute: 10,
  // a person acts at most every few seconds; a script gone wrong should not rewrite a queue in a minute
  staffWritesPerMinute: 60,
} satisfies Required<
  Omit<
    HttpOptions,
    | 'trustProxy'
    | 'sms'
    | 'telegram'
    | 'whatsapp'
    | 'facebook'
    | 'instagram'
    | 'twitter'
    | 'lapor'
    | 'signIn'
    | 'webRoot'
    | 'mapTiles'
    | 'live'
  >
>;
