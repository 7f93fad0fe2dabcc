import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP-recommended memory and time costs).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// No 0/o, 1/l/i: a password read off a terminal and typed on a phone.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of four groups of four readable characters (about 79 bits), e.g. `k7qm-2xrp-9fdw-hb3t`. */
export function generatedPassword(): string {
  const chars = Array.from({ length: 16 }, () => READABLE[randomInt(READABLE.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
