import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import pino from 'pino';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Config } from '../config.js';
import { DomainError } from '../domain/domain-error.js';
import { checkStorableText } from '../http/unstorable-text.js';
import {
  describeProblems,
  type Problem,
  RequestValidationError,
  type SchemaError,
} from '../http/validation-problems.js';
import type { AppContext } from '../services/app/app-context.js';
import { bootContext } from '../services/app/boot.js';
import { submit } from '../services/intake/intake.js';
import { NewReportProperties } from '../services/intake/new-report-schema.js';
import { lineError, type LineError, mapJsonLines, parseRecord } from './json-lines.js';

const { channel: _restChannel, ...reportProperties } = NewReportProperties;

/** One line of `sigap submit`: a message from any of the city's channels, with its report and media files. */
const SubmitLine = Type.Object(
  {
    id: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Number()]),
    channel: Type.String({ minLength: 1, maxLength: 40, description: 'one of city.json `channels`' }),
    externalId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'the message’s id on its channel: submitting it again answers the first answer',
      }),
    ),
    sender: Type.Optional(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('phone'), Type.Literal('email'), Type.Literal('handle')]),
          value: Type.String({ minLength: 1, maxLength: 320 }),
        },
        { additionalProperties: false },
      ),
    ),
    media: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 10 })),
    ...reportProperties,
  },
  { additionalProperties: false },
);
type SubmitLine = Type.Static<typeof SubmitLine>;
const checkLine = Compile(SubmitLine);

export interface SubmitOptions {
  /** Print each report's citizen token (to hand to a citizen at the desk); off by default. */
  withTokens?: boolean;
  /** Where relative media paths are read from. */
  baseDir: string;
}

function asLineError(id: string | number | null, error: DomainError): LineError {
  return { id, error: { code: error.code, message: error.text } };
}

async function readMedia(line: SubmitLine, baseDir: string) {
  return Promise.all(
    (line.media ?? []).map(async (file) => {
      try {
        return { data: await readFile(path.resolve(baseDir, file)) };
      } catch {
        throw new DomainError(400, 'media_unreadable', {
          id: `Berkas media tidak dapat dibaca: ${file}`,
          en: `The media file cannot be read: ${file}`,
        });
      }
    }),
  );
}

/** The problem with text that cannot be stored (NUL, half a surrogate pair), as the HTTP API names it; or null. */
function unstorableProblems(record: unknown): Problem[] | null {
  try {
    checkStorableText(record, 'line');
    return null;
  } catch (error) {
    if (error instanceof RequestValidationError) return error.problems;
    throw error;
  }
}

/** One JSON line → one answer line: `{id, ticket, status}`, or `{id, error}` for a line that files nothing. */
export async function submitLine(ctx: AppContext, line: string, options: SubmitOptions): Promise<object> {
  const parsed = parseRecord(line);
  if ('error' in parsed) return parsed;
  const { id, record } = parsed;
  const unstorable = unstorableProblems(record);
  if (unstorable || !checkLine.Check(record)) {
    const problems =
      unstorable ?? describeProblems(checkLine.Errors(record) as unknown as SchemaError[], 'line');
    return {
      ...lineError(
        id,
        'invalid_line',
        'Baris ini tidak sesuai format',
        'This line does not match the format',
      ),
      details: problems,
    };
  }
  const { channel, externalId, sender, media: _media, id: _id, ...report } = record as SubmitLine;
  try {
    const uploads = await readMedia(record as SubmitLine, options.baseDir);
    const answer = await submit(ctx, {
      channel,
      externalId: externalId ?? null,
      sender: sender ?? null,
      raw: null,
      report,
      uploads,
      citizenToken: null,
    });
    return {
      id,
      ticket: answer.ticket,
      status: answer.status,
      ...('joined' in answer ? { joined: true } : {}),
      ...(options.withTokens && 'citizenToken' in answer ? { citizenToken: answer.citizenToken } : {}),
    };
  } catch (error) {
    if (error instanceof DomainError) return asLineError(id, error);
    throw error;
  }
}

/**
 * `sigap submit`: JSON lines of messages on stdin (a desk's walk-in reports, a batch forwarded from another
 * system) → one answer line each, through the same intake as every channel. Lines are filed one at a time,
 * each in its own transaction; a line with an `externalId` may be sent again safely.
 */
export async function submitCommand(
  config: Config,
  options: SubmitOptions,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  // stdout carries the answers; the log goes to stderr, warnings and worse only
  const log = pino({ level: 'warn' }, pino.destination({ dest: 2, sync: true }));
  const ctx = await bootContext(config, log);
  try {
    await mapJsonLines(input, output, (line) => submitLine(ctx, line, options));
  } finally {
    await ctx.store.close();
  }
}
