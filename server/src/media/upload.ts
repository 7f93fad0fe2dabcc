import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A file handed over in memory: by the command line, the demo data, tests. */
export interface BufferUpload {
  data: Buffer;
}

/**
 * A file an HTTP request streamed to the request's temporary folder (`<data>/tmp/uploads/<request>/`), with its
 * size and SHA-256 counted on the way; the folder is removed when the request is done, whatever the outcome.
 */
export interface FileUpload {
  path: string;
  bytes: number;
  sha256: string;
  /** The form field it came in, for messages. */
  field: string;
}

export type Upload = BufferUpload | FileUpload;

export const isFileUpload = (upload: Upload): upload is FileUpload => 'path' in upload;

export const uploadBytes = (upload: Upload): number =>
  isFileUpload(upload) ? upload.bytes : upload.data.length;

export const uploadSha256 = (upload: Upload): string =>
  isFileUpload(upload) ? upload.sha256 : createHash('sha256').update(upload.data).digest('hex');

/** The bytes, read whole: only for files already known to be within a photo's size cap. */
export const uploadData = (upload: Upload): Promise<Buffer> =>
  isFileUpload(upload) ? readFile(upload.path) : Promise.resolve(upload.data);
