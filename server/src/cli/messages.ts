import { CityDataError } from '../city/city-data-error.js';
import { ConfigError } from '../config.js';
import { DomainError } from '../domain/domain-error.js';
import type { Text } from '../domain/text.js';
import { VaultKeyFileError } from '../security/vault.js';
import { DataDirInUseError } from '../store/engine/data-dir-lock.js';

/** How the command line shows a message for people: Indonesian first, English second. */
export const bilingual = (text: Text): string => `${text.id} / ${text.en}`;

/** A failure the person who ran the command can act on: printed as it is, without a stack, exit code 1. */
export class CommandError extends Error {
  constructor(readonly text: Text) {
    super(bilingual(text));
    this.name = 'CommandError';
  }
}

/** The command was called wrongly: the message and the command's usage are printed, exit code 2. */
export class UsageError extends CommandError {
  constructor(
    text: Text,
    /** The command whose usage to show; null = every command. */
    readonly command: string | null = null,
  ) {
    super(text);
    this.name = 'UsageError';
  }
}

/** An option parsing error from node:util's parseArgs, in both languages. */
export function usageErrorOf(error: unknown, command: string): UsageError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError({ id: `Opsi tidak dikenal: ${named}`, en: `Unknown option: ${named}` }, command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        { id: `Opsi ${named} membutuhkan nilai`, en: `Option ${named} needs a value` },
        command,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        { id: `Argumen tidak terduga: ${named}`, en: `Unexpected argument: ${named}` },
        command,
      );
    default:
      return null;
  }
}

/** What to print when a command fails, and its exit code; never a stack trace. */
export function describeFailure(error: unknown): {
  message: string;
  exitCode: 1 | 2;
  usageOf?: string | null;
} {
  if (error instanceof UsageError) return { message: error.message, exitCode: 2, usageOf: error.command };
  // These already read "Indonesian / English".
  if (
    error instanceof CommandError ||
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof VaultKeyFileError
  )
    return { message: error.message, exitCode: 1 };
  if (error instanceof DomainError) return { message: bilingual(error.text), exitCode: 1 };
  if (error instanceof CityDataError)
    return { message: `Data kota tidak sah / Invalid city data: ${error.message}`, exitCode: 1 };
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Perintah gagal / The command failed: ${detail}`, exitCode: 1 };
}
