import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta's delivery signature: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body bytes under the
 * app secret. Compared in constant time; anything but one well-formed header is false.
 */
export function metaSignatureValid(appSecret: string, header: unknown, rawBody: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
