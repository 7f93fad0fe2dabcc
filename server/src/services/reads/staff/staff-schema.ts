import { type Static, Type } from 'typebox';
import { EVIDENCE_FLAG_LEVELS } from '../../../domain/evidence-flags.js';
import { ActionName, Visibility } from '../citizen/citizen-schema.js';
import { MergedIntoLink } from '../public/public-schema.js';
import {
  AttachmentView,
  Bilingual,
  CategoryView,
  DateTime,
  Exact,
  historyEntryProperties,
  historyExtraProperties,
  KelurahanRef,
  Nullable,
  Page,
  Point,
  SlaView,
  StatusView,
  StringEnum,
  UnitRef,
} from '../read-schemas.js';

const Confidence = Type.Number({ minimum: 0, maximum: 1 });
const AutoCategory = Exact(
  {
    category: Type.String(),
    confidence: Confidence,
    top3: Type.Array(Exact({ category: Type.String(), confidence: Confidence })),
    sure: Type.Boolean({ description: 'False: below the city’s threshold, so the report went to triage' }),
    model: Type.String(),
  },
  { description: 'The category model’s decision, when it chose the category' },
);

const SimilarReason = StringEnum(['nearby', 'text'] as const, {
  description: 'nearby: same category within the city’s distance; text: same kelurahan, very similar words',
});

/** The staff history: notes with the reporter's details masked, and why the report went where it went. */
export const StaffHistoryEntry = Exact(
  {
    ...historyEntryProperties,
    note: Nullable(Type.String()),
    ...historyExtraProperties,
    routing: Type.Optional(
      Exact(
        {
          rule: Type.String(),
          mode: Type.Optional(Type.String()),
          classification: Type.Optional(Nullable(AutoCategory)),
        },
        { description: 'The routing rule that placed the report (created, edited, recategorised)' },
      ),
    ),
    fromCategory: Type.Optional(Type.String()),
    toCategory: Type.Optional(Type.String()),
    similar: Type.Optional(
      Type.Array(
        Exact({
          ticket: Type.String(),
          reason: SimilarReason,
          distanceMeters: Type.Optional(Type.Number()),
          score: Type.Optional(Confidence),
        }),
        { description: 'Open reports that looked like the same problem when this one arrived' },
      ),
    ),
  },
  { title: 'StaffHistoryEntry' },
);

/** One "laporan serupa": never the other report's text, reporter or photos. */
export const SimilarReport = Exact(
  {
    ticket: Type.String(),
    status: StatusView,
    category: CategoryView,
    kelurahan: Nullable(KelurahanRef),
    reason: SimilarReason,
    distanceMeters: Nullable(Type.Number()),
    textScore: Nullable(Confidence),
    createdAt: DateTime,
    linkedAt: DateTime,
  },
  { title: 'SimilarReport' },
);

export const EvidenceFlag = Exact(
  {
    attachmentId: Type.String({ format: 'uuid', description: 'The flagged evidence attachment' }),
    code: StringEnum(Object.keys(EVIDENCE_FLAG_LEVELS)),
    level: StringEnum(['warning', 'info'] as const),
    message: Bilingual,
    detail: Exact(
      {
        ticket: Type.Optional(Type.String()),
        role: Type.Optional(StringEnum(['report', 'evidence'] as const)),
        usedAt: Type.Optional(DateTime),
        distance: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
        sameFile: Type.Optional(Type.Boolean()),
        takenAt: Type.Optional(DateTime),
        reportCreatedAt: Type.Optional(DateTime),
        receivedAt: Type.Optional(DateTime),
        distanceMeters: Type.Optional(Type.Number()),
        limitMeters: Type.Optional(Type.Number()),
        software: Type.Optional(Type.Array(Type.String())),
      },
      {
        description:
          'Evidence for the flag: ticket, role, usedAt, distance, sameFile (reuse; never the other reporter), ' +
          'takenAt, reportCreatedAt, receivedAt, distanceMeters, limitMeters, software',
      },
    ),
    flaggedAt: DateTime,
  },
  { title: 'EvidenceFlag' },
);

/** A report as staff read it: words redacted, a pseudonym for the reporter, no photos of a private report. */
export const StaffReportView = Exact(
  {
    audience: Type.Literal('staff'),
    ticket: Type.String(),
    version: Type.Integer({
      minimum: 1,
      description:
        'Versi laporan (jumlah peristiwa); kirim kembali sebagai If-Match / The report’s version (its event ' +
        'count, also the ETag): send it back as If-Match with an action, so a change by someone else since is 409',
    }),
    status: StatusView,
    category: CategoryView,
    kelurahan: Nullable(KelurahanRef),
    unit: Nullable(UnitRef),
    channel: Type.String(),
    newsSource: Nullable(
      Exact(
        {
          url: Type.String({ description: 'http(s) only, checked at intake' }),
          outlet: Type.String(),
          publishedOn: Type.String({ description: 'YYYY-MM-DD' }),
        },
        { title: 'NewsSource' },
      ),
      { description: 'The news item a media-monitoring report was filed from; null for every other channel' },
    ),
    private: Type.Boolean(),
    privacyNotice: Nullable(Bilingual, { description: 'Shown on private reports' }),
    text: Type.String({ description: 'The reporter’s details, phone numbers, e-mails and NIKs masked' }),
    address: Nullable(Type.String()),
    location: Nullable(Point),
    anonymous: Type.Boolean(),
    reporter: Exact({
      pseudonym: Type.String({
        description: 'Warga-XXXXXX: the same for one report, unlinkable across reports',
      }),
      anonymous: Type.Boolean(),
    }),
    visibility: Visibility,
    visibilityReason: Nullable(Type.String()),
    suggestedUnit: Nullable(UnitRef),
    routeExplanation: Nullable(Bilingual, {
      description:
        'Mengapa laporan di sini, dalam kalimat / Why the report is where it is, in sentences: who chose the ' +
        'category (the model and its confidence, or a person), its place, and the routing rule that named the unit',
    }),
    escalatedUnit: Nullable(UnitRef),
    escalationLevel: Type.Integer({ minimum: 0 }),
    sla: SlaView,
    createdAt: DateTime,
    updatedAt: DateTime,
    resolvedAt: Nullable(DateTime),
    ewsUntil: Nullable(DateTime),
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    ratingComment: Nullable(Type.String()),
    reopenCount: Type.Integer({ minimum: 0 }),
    attachments: Type.Array(AttachmentView),
    history: Type.Array(StaffHistoryEntry),
    allowedActions: Type.Array(ActionName, { description: 'What the signed-in staff member may do now' }),
    evidenceFlags: Type.Array(EvidenceFlag, {
      description:
        'Integrity flags on follow-up evidence (photo reuse, contradicting capture time or place, generator ' +
        'software); never in citizen or public views',
    }),
    similar: Type.Array(SimilarReport, {
      description:
        'Laporan serupa: open reports that looked like the same problem at intake, either way round',
    }),
    mergedInto: Type.Optional(MergedIntoLink),
  },
  { title: 'StaffReportView', description: 'The staff view of a report' },
);

/** After an action that took the report out of the actor's sight (e.g. passed to another unit). */
export const OutOfSight = Exact(
  {
    ticket: Type.String(),
    outOfSight: Type.Literal(true),
    notice: Bilingual,
  },
  { title: 'OutOfSight' },
);

/** One queue row: enough to triage, nothing that identifies the reporter. */
export const QueueItem = Exact(
  {
    ticket: Type.String(),
    status: StatusView,
    category: Type.String(),
    excerpt: Type.String({ description: 'The start of the redacted text' }),
    kelurahan: Nullable(KelurahanRef),
    location: Nullable(Point, { description: 'Where it is (staff read the point; the public, never)' }),
    assignedUnitId: Type.String(),
    suggestedUnitId: Nullable(Type.String()),
    escalatedUnitId: Nullable(Type.String()),
    private: Type.Boolean(),
    reporter: Type.String({ description: 'The reporter’s pseudonym for this report' }),
    createdAt: DateTime,
    sla: SlaView,
    similarCount: Type.Integer({ minimum: 0 }),
  },
  { title: 'QueueItem' },
);
export const QueuePage = Page(QueueItem);

export type StaffReportViewT = Static<typeof StaffReportView>;
export type StaffHistoryEntryT = Static<typeof StaffHistoryEntry>;
export type SimilarReportT = Static<typeof SimilarReport>;
export type EvidenceFlagT = Static<typeof EvidenceFlag>;
export type OutOfSightT = Static<typeof OutOfSight>;
export type QueueItemT = Static<typeof QueueItem>;
export type QueuePageT = Static<typeof QueuePage>;
