import { type Static, Type } from 'typebox';
import { validateNik } from '../../domain/nik.js';
import type { InboundMessage } from '../../services/intake/intake.js';
import type { ReporterIdentity } from '../../security/vault.js';

/**
 * A report SP4N-LAPOR! forwards to the city, shape `sigap.lapor.v1` (docs/channels/lapor.md). LAPOR!'s own
 * integration API is documented only to registered developers of an agency, so this is Sigap's shape, versioned:
 * a bridge on LAPOR!'s side (or LAPOR! itself) maps its report to it. Strict: an unknown field is refused, so a
 * misspelt `confidential` cannot make a secret report public.
 */
export const LaporReport = Type.Object(
  {
    schema: Type.Literal('sigap.lapor.v1'),
    /** LAPOR!'s tracking id (the number citizens see, e.g. 1916449): the message's external id */
    trackingId: Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z-]{0,39}$' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    content: Type.String({ minLength: 1, maxLength: 3500 }),
    /** LAPOR!'s topic (its own category tree); kept with the sealed payload, the city's model categorises */
    topic: Type.Optional(Type.String({ maxLength: 200 })),
    location: Type.Optional(
      Type.Object(
        {
          address: Type.Optional(Type.String({ maxLength: 500 })),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** when the citizen submitted it to LAPOR! (ISO 8601 with a zone) */
    submittedAt: Type.String({ format: 'date-time' }),
    /** LAPOR!'s "Anonim": the agency must not learn who reported; a reporter block sent anyway is dropped unread */
    anonymous: Type.Boolean(),
    /** LAPOR!'s "Rahasia": the report is not public */
    confidential: Type.Boolean(),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 120 })),
          phone: Type.Optional(Type.String({ maxLength: 32 })),
          email: Type.Optional(Type.String({ maxLength: 200 })),
          nik: Type.Optional(Type.String({ maxLength: 19 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LaporReport = Static<typeof LaporReport>;

/**
 * The identity to seal, cleaned of what would refuse the whole hand-over: a NIK that fails the structural check
 * stays only in the sealed payload (LAPOR! checked its citizen, not the city), and empty fields are dropped.
 */
function reporterOf(report: LaporReport): ReporterIdentity | null {
  if (report.anonymous || !report.reporter) return null;
  const { name, phone, email, nik } = report.reporter;
  const digits = nik?.replace(/\s/g, '');
  const identity: ReporterIdentity = {
    ...(name?.trim() ? { name: name.trim() } : {}),
    ...(phone?.trim() ? { phone: phone.trim() } : {}),
    ...(email?.trim() ? { email: email.trim() } : {}),
    ...(digits && validateNik(digits).ok ? { nik: digits } : {}),
  };
  return Object.keys(identity).length ? identity : null;
}

/**
 * The forwarded report as a message of the one intake: its tracking id is the external id (the same report
 * forwarded again, or twenty times at once, is one report) and the sender the channel answers (the statuses go
 * back to LAPOR! under it); the citizen's identity goes to the vault as any reporter's.
 */
export function inboundOfLapor(report: LaporReport, channel: string): InboundMessage {
  const title = report.title?.trim();
  const reporter = reporterOf(report);
  const { address, lat, lng } = report.location ?? {};
  return {
    channel,
    externalId: report.trackingId,
    sender: { kind: 'handle', value: report.trackingId },
    // an anonymous report's identity is not kept even sealed: the city must not hold it at all
    raw: report.anonymous ? { ...report, reporter: undefined } : report,
    intent: 'new',
    citizenToken: null,
    uploads: [],
    report: {
      text: title ? `${title}\n\n${report.content.trim()}` : report.content.trim(),
      ...(address?.trim() ? { address: address.trim() } : {}),
      ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}),
      private: report.confidential,
      anonymous: report.anonymous,
      reporter,
    },
  };
}
