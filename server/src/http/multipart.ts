import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.js';
import type { Upload } from '../services/intake/media-service.js';

export interface MultipartInput {
  fields: Record<string, string>;
  uploads: Upload[];
}

const MALFORMED = DomainError.invalid(
  {
    id: 'Formulir multipart rusak atau terpotong; kirim ulang formulir',
    en: 'The multipart form is malformed or cut short; send the form again',
  },
  'invalid_multipart',
);

const emptyFile = (name: string) =>
  DomainError.invalid(
    { id: `Berkas "${name}" kosong (0 bita)`, en: `The file "${name}" is empty (0 bytes)` },
    'empty_file',
  );

/** An error of the form itself (no boundary, cut short, wrong boundary), as opposed to a limit or a bad file. */
function isMalformedForm(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string } | null;
  if (error instanceof DomainError || !e) return false;
  return e.statusCode === undefined || e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE';
}

/** Reads a whole multipart form: text fields and files (any field name); size limits come from the plugin. */
export async function readMultipart(request: FastifyRequest): Promise<MultipartInput> {
  const fields: Record<string, string> = {};
  const uploads: Upload[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // a browser sends an unchosen file input as a nameless empty part: nothing was attached
        if (data.length === 0 && !part.filename) continue;
        if (data.length === 0) throw emptyFile(part.filename);
        uploads.push({ data });
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if (isMalformedForm(error)) throw MALFORMED;
    throw error;
  }
  return { fields, uploads };
}

/** Multipart forms carry the JSON body in a `payload` field, or as flat fields for simple HTML forms. */
export function payloadFrom(fields: Record<string, string>): unknown {
  if (fields.payload !== undefined) {
    try {
      return JSON.parse(fields.payload);
    } catch {
      throw DomainError.invalid({
        id: 'Kolom payload harus berisi JSON yang valid',
        en: 'The payload field must hold valid JSON',
      });
    }
  }
  const flat: Record<string, unknown> = { ...fields };
  for (const key of ['lat', 'lng'])
    if (fields[key] !== undefined && fields[key] !== '') flat[key] = Number(fields[key]);
  for (const key of ['private', 'anonymous'])
    if (fields[key] !== undefined) flat[key] = fields[key] === 'true' || fields[key] === 'on';
  const reporter = Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith('reporter.'))
      .map(([k, v]) => [k.slice('reporter.'.length), v]),
  );
  for (const key of Object.keys(flat)) if (key.startsWith('reporter.')) delete flat[key];
  if (Object.keys(reporter).length) flat.reporter = reporter;
  return flat;
}

/**
 * A new report's body and files, sent as JSON or as a multipart form (its JSON in a `payload` field, or flat
 * fields), checked with the route's schema either way.
 */
export async function reportBodyAndUploads<T>(
  request: FastifyRequest,
  check: (value: unknown) => T,
): Promise<{ body: T; uploads: Upload[] }> {
  if (!request.isMultipart()) return { body: check(request.body), uploads: [] };
  const form = await readMultipart(request);
  return { body: check(payloadFrom(form.fields)), uploads: form.uploads };
}
