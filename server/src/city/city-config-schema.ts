import Type from 'typebox';
import { UNIT_KINDS } from './unit-kinds.js';

export const CHANNEL_KINDS = [
  'app',
  'web',
  'api',
  'email',
  'sms',
  'messaging',
  'social',
  'walk_in',
  'forwarded',
  'media',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const HourMinute = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });
const Clock = Type.Enum(['working', 'calendar']);
const UnitId = Type.String({ minLength: 1 });

/** The schema of a city folder's city.json (documented in data/jakarta/README.md). */
export const CityConfigSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    name: Type.String({ minLength: 1 }),
    provinceCode: Type.String({ pattern: '^[0-9]{2}$' }),
    ticketPrefix: Type.String({ pattern: '^[A-Z]{1,4}$' }),
    timeZone: Type.String({ minLength: 1 }),
    utcOffsetMinutes: Type.Integer({ minimum: -720, maximum: 840 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    locale: Type.String({ minLength: 2 }),
    routingMode: Type.Enum(['jakarta', 'direct']),
    triageUnitId: UnitId,
    verifierUnitId: UnitId,
    revealAuthorityUnitId: UnitId,
    reopenWindowDays: Type.Integer({ minimum: 0 }),
    // Dual control over a reporter's identity (domain/reveal-request.ts): how long an approved requester may see
    // it, how many requests one person may make in 24 hours, and after how many hours an undecided request
    // lapses. Optional; defaults 30 minutes, 3, 72 hours.
    reveal: Type.Optional(
      Type.Object(
        {
          viewMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
          requestsPerDay: Type.Integer({ minimum: 1, maximum: 100 }),
          pendingHours: Type.Integer({ minimum: 1, maximum: 720 }),
        },
        { additionalProperties: false },
      ),
    ),
    // A citizen token ends after this many days without use, unless one of its reports is still open or changed
    // within that time. Optional (180 by default).
    citizenTokenIdleDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    slaThresholds: Type.Object(
      { yellowAtFraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }) },
      { additionalProperties: false },
    ),
    escalation: Type.Object(
      {
        afterOverdueHours: Type.Number({ minimum: 0 }),
        clock: Clock,
        // Escalation does not climb above units of these kinds.
        topKinds: Type.Array(Type.Enum(UNIT_KINDS), { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    // A new report is linked to open reports like it ("laporan serupa"): same category within distanceMeters,
    // or same kelurahan within lookbackDays with text at least this similar (0–1).
    duplicates: Type.Object(
      {
        distanceMeters: Type.Number({ exclusiveMinimum: 0, maximum: 5000 }),
        textSimilarity: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
        lookbackDays: Type.Integer({ minimum: 1, maximum: 365 }),
      },
      { additionalProperties: false },
    ),
    // The category model routes a report by itself only at or above this calibrated confidence (0–1); below
    // it the report goes to the triage desk with the model's top three as suggestions. Optional class priors:
    // reports per category code over a period (`volumes`, categories not listed share what is left of
    // `volumesTotal`) and how far they move the model (`priorStrength`, 0–1, default 0.5); see classify/prior.ts.
    classification: Type.Object(
      {
        minConfidence: Type.Number({ minimum: 0, maximum: 1 }),
        volumes: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 }))),
        volumesTotal: Type.Optional(Type.Integer({ minimum: 1 })),
        priorStrength: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      },
      { additionalProperties: false },
    ),
    // Complaints about officials' own conduct (Jakarta: pungli). Such a report never lands at, is suggested to,
    // handed to or shown to the offices of its place (kelurahan, kecamatan, wali kota): it goes straight to the
    // unit its routing rule names (Jakarta: Inspektorat). Optional; no category is treated so by default.
    conductCategories: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true })),
    // A folder (relative to the city folder) with the rest of the country's regions (regions.csv, optional
    // aliases.csv), so a text naming a place elsewhere is answered "outside the city" instead of being matched to
    // a kelurahan of the same name. Optional; without it only region-aliases.csv rows coded `-` say so.
    elsewhere: Type.Optional(Type.String({ minLength: 1 })),
    // A message from a conversational channel (SMS, messaging, e-mail, social) joins its sender's report from the
    // same channel while nobody has acted on it yet (Menunggu) and it is at most this many minutes old: people
    // send the text, then the photo, then one more detail. 0: every message is a new report. Default 30.
    joinWindowMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
    // Every way a report can arrive (Jakarta: the 13 official channels and the API); a report names one of them.
    // `kind` says how its sender is reached and which intake may claim it (the public API: app, web, api).
    channels: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$' }),
          kind: Type.Enum(CHANNEL_KINDS),
          name: Type.Object({ id: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    workCalendar: Type.Object(
      {
        // ISO weekdays: 1 = Monday … 7 = Sunday.
        workdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, uniqueItems: true }),
        workHours: Type.Object({ start: HourMinute, end: HourMinute }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    bounds: Type.Tuple([
      Type.Number({ minimum: -180, maximum: 180 }),
      Type.Number({ minimum: -90, maximum: 90 }),
      Type.Number({ minimum: -180, maximum: 180 }),
      Type.Number({ minimum: -90, maximum: 90 }),
    ]),
  },
  { additionalProperties: false },
);

export type CityConfig = Type.Static<typeof CityConfigSchema>;
