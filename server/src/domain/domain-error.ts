import type { Text } from './text.js';

/** An error a person caused and can understand: it carries the HTTP status and a bilingual message. */
export class DomainError extends Error {
  constructor(
    readonly httpStatus: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    readonly text: Text,
    /** for a 429: when asking again may succeed (the `Retry-After` header) */
    readonly retryAfterSeconds?: number,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }

  static invalid(text: Text, code = 'invalid'): DomainError {
    return new DomainError(400, code, text);
  }
  static forbidden(text: Text): DomainError {
    return new DomainError(403, 'forbidden', text);
  }
  static notFound(text: Text): DomainError {
    return new DomainError(404, 'not_found', text);
  }
  static conflict(text: Text, code = 'conflict'): DomainError {
    return new DomainError(409, code, text);
  }
}
