import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.js';
import { formatMegabytes, type MediaLimits, MediaError } from '../media/media-types.js';
import type { FileUpload } from '../media/upload.js';
import type { MediaService } from '../services/intake/media-service.js';

export interface MultipartInput {
  fields: Record<string, string>;
  uploads: FileUpload[];
}

const MALFORMED = DomainError.invalid(
  {
    id: 'Formulir multipart rusak atau terpotong; kirim ulang formulir',
    en: 'The multipart form is malformed or cut short; send the form again',
  },
  'invalid_multipart',
);

const emptyFile = (field: string, name: string) =>
  DomainError.invalid(
    {
      id: `Berkas "${name}" di kolom "${field}" kosong (0 bita); pilih berkasnya lagi`,
      en: `The file "${name}" in the field "${field}" is empty (0 bytes); choose the file again`,
    },
    'empty_file',
  );

/** The largest file any kind may be: the form's per-file cap (each kind's own cap is checked once it is known). */
export const largestFileBytes = (limits: MediaLimits): number =>
  Math.min(Math.max(limits.maxPhotoBytes, limits.maxVideoBytes), limits.maxUploadBytes);

const fileTooLarge = (field: string, limits: MediaLimits) =>
  new DomainError(413, 'file_too_large', {
    id: `Berkas di kolom "${field}" terlalu besar (maks. ${formatMegabytes(largestFileBytes(limits))} per berkas; foto maks. ${formatMegabytes(limits.maxPhotoBytes)})`,
    en: `The file in the field "${field}" is too large (max ${formatMegabytes(largestFileBytes(limits))} a file; photos max ${formatMegabytes(limits.maxPhotoBytes)})`,
  });

const uploadTooLarge = (limits: MediaLimits) =>
  new DomainError(413, 'upload_too_large', {
    id: `Semua berkas dalam satu kiriman bersama-sama melebihi ${formatMegabytes(limits.maxUploadBytes)}; kirim lebih sedikit atau lebih kecil`,
    en: `The files of one request together exceed ${formatMegabytes(limits.maxUploadBytes)}; send fewer or smaller files`,
  });

const tooManyFiles = (limits: MediaLimits) =>
  new MediaError(
    'too_many',
    `Maksimal ${limits.maxPhotosPerReport} foto dan ${limits.maxVideosPerReport} video per kiriman`,
    `At most ${limits.maxPhotosPerReport} photos and ${limits.maxVideosPerReport} video per request`,
  );

/** An error of the form itself (no boundary, cut short, wrong boundary), as opposed to a limit or a bad file. */
function isMalformedForm(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string; syscall?: string } | null;
  if (error instanceof DomainError || error instanceof MediaError || !e) return false;
  // the disk, not the form (a full disk while a file is written): a 500 for the operator, not the sender's fault
  if (e.syscall) return false;
  return e.statusCode === undefined || e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE';
}

/** The plugin's own limit errors, in words a person can act on. */
function limitError(error: unknown, limits: MediaLimits): unknown {
  const e = error as { code?: string; part?: { fieldname?: string } } | null;
  if (e?.code === 'FST_FILES_LIMIT') return tooManyFiles(limits);
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(e.part?.fieldname ?? '?', limits);
  return error;
}

/**
 * Reads a whole multipart form: text fields, and files (any field name) streamed one by one to `dir`, counting
 * each file's size and hash on the way. A file past the per-file cap, or all files together past the request's
 * cap, stops the reading at once with a 413; nothing is held in memory but the chunk in flight.
 */
async function readMultipart(
  request: FastifyRequest,
  limits: MediaLimits,
  dir: string,
): Promise<MultipartInput> {
  const fields: Record<string, string> = {};
  const uploads: FileUpload[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (uploads.length === 0) await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, String(uploads.length));
      const hash = createHash('sha256');
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          total += chunk.length;
          if (total > limits.maxUploadBytes) return done(uploadTooLarge(limits));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const written = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      try {
        await pipeline(part.file, count, written);
      } catch (error) {
        // a cap cut the file while its open was still under way: let the file be created and closed first, or it
        // would appear after withMultipart removed the folder and be left behind
        if (!written.closed) await once(written, 'close');
        throw error;
      }
      if (part.file.truncated) throw fileTooLarge(part.fieldname, limits);
      if (bytes === 0) {
        await rm(path, { force: true });
        // a browser sends an unchosen file input as a nameless empty part: nothing was attached
        if (!part.filename) continue;
        throw emptyFile(part.fieldname, part.filename);
      }
      uploads.push({ path, bytes, sha256: hash.digest('hex'), field: part.fieldname });
    }
  } catch (error) {
    if (isMalformedForm(error)) throw MALFORMED;
    throw limitError(error, limits);
  }
  return { fields, uploads };
}

/**
 * Reads a multipart form into a folder of its own under the media service's upload area, runs `use`, and removes
 * the folder afterwards, whether `use` succeeded, failed, or the reading itself failed (a cap, a broken form, a
 * client gone mid-upload). Whatever must outlive the request is copied out of it by `use` (media staging).
 */
export async function withMultipart<T>(
  request: FastifyRequest,
  media: MediaService,
  use: (form: MultipartInput) => Promise<T>,
): Promise<T> {
  const dir = join(media.uploadArea, randomUUID());
  try {
    return await use(await readMultipart(request, media.limits, dir));
  } finally {
    await rm(dir, { recursive: true, force: true }).catch((failure: unknown) =>
      request.log.warn({ code: (failure as NodeJS.ErrnoException).code }, 'upload folder not removed'),
    );
  }
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
 * fields), checked with the route's schema either way; the files exist while `use` runs.
 */
export async function withReportBody<T, R>(
  request: FastifyRequest,
  media: MediaService,
  check: (value: unknown) => T,
  use: (body: T, uploads: FileUpload[]) => Promise<R>,
): Promise<R> {
  if (!request.isMultipart()) return use(check(request.body), []);
  return withMultipart(request, media, (form) => use(check(payloadFrom(form.fields)), form.uploads));
}
