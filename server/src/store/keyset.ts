import { DomainError } from '../domain/domain-error.js';

export interface Cursor {
  createdAt: Date;
  id: string;
}

/** Opaque page cursor: the (created_at, id) of the last row seen, newest first. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(value: string): Cursor {
  const [iso, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime()))
    throw DomainError.invalid({
      id: 'Penanda halaman (cursor) tidak valid',
      en: 'The page cursor is not valid',
    });
  return { createdAt, id };
}
