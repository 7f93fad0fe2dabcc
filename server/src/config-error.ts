import type { Text } from './domain/text.js';

/** A configuration mistake, for people: Indonesian first, English second. */
export class ConfigError extends Error {
  constructor(readonly text: Text) {
    super(`${text.id} / ${text.en}`);
    this.name = 'ConfigError';
  }
}
