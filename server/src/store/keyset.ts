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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page from `limit + 1` rows read newest first: the extra row only tells that another page exists. */
export function pageOf<T extends { created_at: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
