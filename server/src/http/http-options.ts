import type { TrustProxy } from '../config.js';

export interface HttpOptions {
  /** New reports a minute from one address (0: no limit). */
  intakePerMinute: number;
  /** Reverse proxies whose forwarded address and protocol are believed (none by default). */
  trustProxy?: TrustProxy;
  /** The built web app's folder (default web/dist of the checkout; null: serve no app). */
  webRoot?: string | null;
}

/**
 * 60 a minute: a person files a handful, but many citizens on one mobile carrier can share an address (CGNAT).
 * Behind a reverse proxy the proxy's address is what counts unless Fastify is told to trust it.
 */
export const DEFAULT_HTTP_OPTIONS: HttpOptions = { intakePerMinute: 60 };
