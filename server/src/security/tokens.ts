import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret: 32 random bytes, URL-safe. Only its hash is stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
