import { type Static, type TProperties, type TSchema, type TSchemaOptions, Type } from 'typebox';
import { type ActorKind as ActorKindT, STAFF_ROLES } from '../../domain/report-events.js';
import { STATUSES } from '../../domain/statuses.js';
import { isoInstant } from './iso-instant.js';

/**
 * An object with exactly these properties. Fastify serialises responses with these schemas, so a property that
 * is not listed never leaves the server: the schema is the privacy contract as well as the documentation.
 */
export const Exact = <P extends TProperties>(properties: P, options: TSchemaOptions = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false });

/**
 * The schema or null, as a JSON type list rather than anyOf: the serializer then tells them apart with one
 * check instead of running a validator, and OpenAPI 3.1 clients read it as `T | null`.
 */
export function Nullable<T extends TSchema>(schema: T, options: TSchemaOptions = {}) {
  const { type, enum: values } = schema as { type?: string; enum?: unknown[] };
  if (!type) throw new Error('Nullable needs a schema with a single type');
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    ...options,
    type: [type, 'null'],
    ...(values ? { enum: [...values, null] } : {}),
  });
}

/** A string from a closed list (an enum with its type, so the serializer writes it without checks). */
export const StringEnum = <const V extends readonly string[]>(values: V, options: TSchemaOptions = {}) =>
  Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });

/** Instants are ISO 8601 strings in UTC. */
export const DateTime = Type.String({ format: 'date-time' });
export const iso = isoInstant;
export const isoOrNull = (date: Date | null): string | null => (date ? isoInstant(date) : null);

export const Bilingual = Exact({ id: Type.String(), en: Type.String() }, { title: 'Bilingual' });

export const StatusCode = StringEnum(STATUSES);
export const StatusView = Exact({ code: StatusCode, label: Bilingual }, { title: 'StatusView' });
export const CategoryView = Exact({ code: Type.String(), label: Bilingual }, { title: 'CategoryView' });
export const UnitRef = Exact({ id: Type.String(), name: Type.String() }, { title: 'UnitRef' });
export const KelurahanRef = Exact({ code: Type.String(), name: Type.String() }, { title: 'KelurahanRef' });
export const Point = Exact({ lat: Type.Number(), lng: Type.Number() }, { title: 'Point' });

export const SlaFlag = StringEnum(['green', 'yellow', 'red'] as const);
export const SlaView = Exact(
  { responseDueAt: DateTime, completionDueAt: DateTime, responseFlag: SlaFlag, completionFlag: SlaFlag },
  { title: 'SlaView' },
);

export const AttachmentView = Exact(
  {
    id: Type.String({ format: 'uuid' }),
    kind: StringEnum(['photo', 'video'] as const),
    role: StringEnum(['report', 'evidence'] as const),
    state: StringEnum(['ready', 'processing', 'failed'] as const, {
      description:
        'processing: a video still being transcoded (no url yet; show a placeholder); failed: it could not be ' +
        'transcoded (no url; an administrator sees the job on the dead-letter list)',
    }),
    url: Nullable(
      Type.String({ description: 'The metadata-free copy (GET with the same credentials as the report)' }),
    ),
    thumbnailUrl: Nullable(Type.String()),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    durationSeconds: Nullable(Type.Number()),
  },
  { title: 'AttachmentView' },
);

export const ActorKind = StringEnum([
  'citizen',
  ...STAFF_ROLES,
  'system',
] as const satisfies readonly ActorKindT[]);

/** What every history entry says, whoever reads it. */
export const historyEntryProperties = {
  seq: Type.Integer(),
  type: Type.String({ description: 'The event: created, coordinated, process_started, followed_up, …' }),
  label: Bilingual,
  status: StatusView,
  at: DateTime,
  actor: ActorKind,
  unit: Nullable(UnitRef),
  targetUnit: Nullable(UnitRef),
};

export const HistoryEntryCore = Exact(historyEntryProperties);

/** Extras some events carry, the same for every audience that sees the event. */
export const historyExtraProperties = {
  rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  until: Type.Optional(DateTime),
  intoTicket: Type.Optional(Type.String()),
  fromTicket: Type.Optional(Type.String()),
};

export const Page = <T extends TSchema>(item: T) =>
  Exact({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export type StatusViewT = Static<typeof StatusView>;

/** A map whose keys are data (category codes, statuses): any key, every value of this schema. */
export const TypedMap = <T extends TSchema>(value: T, options: TSchemaOptions = {}) =>
  Type.Unsafe<Record<string, Static<T>>>({ ...options, type: 'object', additionalProperties: value });
