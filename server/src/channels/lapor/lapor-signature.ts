import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Lapor-Signature: sha256=<hex>`: the HMAC-SHA256 of the raw body bytes under the shared secret. Compared in
 * constant time; anything but one well-formed header is false.
 */
export function laporSignatureValid(secret: string, header: unknown, rawBody: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = laporSignature(secret, rawBody);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function laporSignature(secret: string, body: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}
