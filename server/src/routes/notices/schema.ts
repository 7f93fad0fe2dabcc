import { Type } from 'typebox';
import { Exact, Nullable, Page, StringEnum } from '../../services/reads/read-schemas.js';
import { Bilingual, PageQuery } from '../schemas.js';

export const NoticeListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const NoticeParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The notice id from the list' }),
});

/**
 * Marking read takes no body. Keyed by content type, so a POST without one is not validated at all, and a JSON
 * body (clients often send `{}`) must be empty.
 */
export const NoticeReadBody = {
  content: { 'application/json': { schema: Type.Object({}, { additionalProperties: false }) } },
};

const TICKET = { pattern: '^[A-Z]{1,6}[0-9]{10,}$' };

export const StaffNotice = Exact(
  {
    id: Type.String({ format: 'uuid' }),
    kind: StringEnum(['approved_evidence_reused'] as const, {
      description:
        'approved_evidence_reused: evidence you approved on `ticket` was used again on `otherTicket` ' +
        '(the flag `reused_later_on` on `ticket` says the same)',
    }),
    ticket: Type.String({ ...TICKET, description: 'The report the notice is about' }),
    otherTicket: Type.String({ ...TICKET, description: 'The other report involved' }),
    message: Bilingual,
    detail: Exact(
      {
        ticket: Type.String(TICKET),
        usedAt: Type.String({ format: 'date-time' }),
        sameFile: Type.Boolean(),
        distance: Type.Integer({ minimum: 0, maximum: 64 }),
      },
      { description: 'The other report’s ticket, when its evidence was uploaded and how close the copy is' },
    ),
    // The service hands over Dates; the serializer writes ISO strings.
    createdAt: Type.Unsafe<Date>(Type.String({ format: 'date-time' })),
    readAt: Type.Unsafe<Date | null>(Nullable(Type.String({ format: 'date-time' }))),
  },
  { title: 'StaffNotice' },
);

export const NoticePage = Page(StaffNotice);
