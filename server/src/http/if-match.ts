import { Type } from 'typebox';
import { DomainError } from '../domain/domain-error.js';

/** The report version a staff member saw (the view's `version`), sent back as `If-Match: "<version>"`. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Versi laporan yang dilihat petugas (ETag/`version`); berbeda → 409 / The version the officer saw ' +
        '(the ETag or the view’s `version`); when the report has changed since, the answer is 409',
    }),
  ),
});

/** `"12"` → 12; `*` or no header → undefined (act on whatever is current); anything else → 400. */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?(?:"([0-9]{1,9})"|([0-9]{1,9}))\s*$/.exec(header);
  if (!match)
    throw DomainError.invalid(
      {
        id: 'If-Match harus berisi versi laporan, misalnya "3" (nilai version atau ETag dari laporan)',
        en: 'If-Match must hold the report’s version, e.g. "3" (the report’s version or ETag)',
      },
      'bad_if_match',
    );
  return Number(match[1] ?? match[2]);
}

export const etagOf = (version: number): string => `"${version}"`;
