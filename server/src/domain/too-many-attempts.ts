import { DomainError } from './domain-error.js';
import type { Text } from './text.js';

/** A 429 that says when to try again: the HTTP layer sends `Retry-After` with the bilingual message. */
export class TooManyAttempts extends DomainError {
  constructor(code: string, text: Text, retryAfterSeconds: number) {
    super(429, code, text, retryAfterSeconds);
    this.name = 'TooManyAttempts';
  }
}

/** "12 menit" / "12 minutes", or seconds below a minute: how long a person must wait, rounded up. */
export function waitText(seconds: number): Text {
  if (seconds < 60) return { id: `${seconds} detik`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { id: `${minutes} menit`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}
