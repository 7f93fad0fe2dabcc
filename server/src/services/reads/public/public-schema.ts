import { type Static, Type } from 'typebox';
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
  StatusCode,
  StatusView,
  TypedMap,
  UnitRef,
} from '../read-schemas.js';

/** The public's history: what happened and when, by which office; notes masked (see redaction.ts). */
export const PublicHistoryEntry = Exact(
  {
    ...historyEntryProperties,
    note: Nullable(Type.String()),
    ...historyExtraProperties,
  },
  { title: 'PublicHistoryEntry' },
);

/** The report a public duplicate was merged into, when that report is itself public. */
export const MergedIntoLink = Exact(
  { ticket: Type.String(), status: StatusCode, statusLabel: Bilingual },
  { title: 'MergedIntoLink', description: 'The open report this one was merged into (status Digabung)' },
);

/** A public, visible report as anyone may read it (JakRespons). */
export const PublicReportView = Exact(
  {
    audience: Type.Literal('public'),
    ticket: Type.String(),
    status: StatusView,
    category: CategoryView,
    kelurahan: Nullable(KelurahanRef),
    unit: Nullable(UnitRef),
    channel: Type.String(),
    private: Type.Literal(false),
    text: Nullable(Type.String(), {
      description: 'Redacted when it was written; null for a report from before that, until it is backfilled',
    }),
    location: Nullable(Point, {
      description: 'The kelurahan’s interior point, never the reported coordinates',
    }),
    createdAt: DateTime,
    updatedAt: DateTime,
    resolvedAt: Nullable(DateTime),
    ewsUntil: Nullable(DateTime),
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    reopenCount: Type.Integer({ minimum: 0 }),
    attachments: Type.Array(AttachmentView),
    history: Type.Array(PublicHistoryEntry),
    mergedInto: Type.Optional(MergedIntoLink),
  },
  {
    title: 'PublicReportView',
    description: 'The public view of a public report: redacted text, kelurahan-level place, no reporter',
  },
);

/** All the public learns of a private report it looks up by ticket: that it exists, and its status. */
export const PrivateReportStub = Exact(
  {
    ticket: Type.String(),
    private: Type.Literal(true),
    status: StatusView,
    notice: Bilingual,
  },
  { title: 'PrivateReportStub', description: 'A private report, to anyone but its reporter' },
);

/** One JakRespons row. */
export const PublicFeedItem = Exact(
  {
    ticket: Type.String(),
    status: StatusView,
    category: Type.String({ description: 'The category code (GET /api/v1/categories names them)' }),
    text: Nullable(Type.String()),
    kelurahan: Nullable(KelurahanRef),
    location: Nullable(Point),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'PublicFeedItem' },
);
export const PublicFeedPage = Page(PublicFeedItem);

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Count = Type.Integer({ minimum: 0 });
export const CityStats = Exact({
  total: Count,
  last30Days: Count,
  byStatus: TypedMap(Count, { description: 'Reports per status code' }),
  byCategory: TypedMap(Count, { description: 'Reports per category code' }),
  averageHoursToSolve: Nullable(Type.Number({ minimum: 0 })),
  solvedShare: Share,
  byChannel: TypedMap(
    Exact({
      reports: Count,
      last30Days: Count,
      averageMinutesToFirstReply: Nullable(
        Type.Number({
          description:
            'From intake to the delivery of the first message to the citizen (the ticket), on average',
        }),
      ),
      failedSends: Type.Integer({
        minimum: 0,
        description: 'Notifications still undelivered an hour after they were due',
      }),
    }),
    { description: 'Per channel code (city.json channels): volume, time to first reply, failed sends' },
  ),
});

export const CategoryList = Exact({
  items: Type.Array(Exact({ code: Type.String(), name: Bilingual })),
});

export type PublicReportViewT = Static<typeof PublicReportView>;
export type PrivateReportStubT = Static<typeof PrivateReportStub>;
export type PublicFeedItemT = Static<typeof PublicFeedItem>;
export type PublicFeedPageT = Static<typeof PublicFeedPage>;
export type MergedIntoLinkT = Static<typeof MergedIntoLink>;
