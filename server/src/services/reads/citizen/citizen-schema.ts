import { type Static, Type } from 'typebox';
import { API_ACTION_NAMES } from '../../handling/action-names.js';
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
  StatusCode,
  StatusView,
  StringEnum,
  UnitRef,
} from '../read-schemas.js';

export const ActionName = StringEnum(Object.values(API_ACTION_NAMES), {
  description: 'The last segment of the action’s URL (PATCH /api/v1/reports/{ticket} for edit)',
});

export const Visibility = StringEnum(['visible', 'hidden', 'removed'] as const);

/** The reporter's own history: every note as written. */
export const CitizenHistoryEntry = Exact(
  {
    ...historyEntryProperties,
    note: Nullable(Type.String()),
    ...historyExtraProperties,
  },
  { title: 'CitizenHistoryEntry' },
);

/** The merged-into report's history for the duplicate's citizen: officers' notes, redacted. */
const ProgressHistoryEntry = Exact(
  { ...historyEntryProperties, note: Nullable(Type.String()) },
  { title: 'MergedProgressHistoryEntry' },
);

export const CitizenMergedInto = Exact(
  {
    ticket: Type.String(),
    status: StatusCode,
    statusLabel: Bilingual,
    message: Bilingual,
    progress: Exact(
      {
        category: CategoryView,
        kelurahan: Nullable(KelurahanRef),
        unit: Nullable(UnitRef),
        text: Nullable(Type.String({ description: 'Its public text; null when that report is private' })),
        createdAt: DateTime,
        updatedAt: DateTime,
        resolvedAt: Nullable(DateTime),
        history: Type.Array(ProgressHistoryEntry),
      },
      { description: 'The other report’s progress; never its reporter, their notes or its photos' },
    ),
  },
  {
    title: 'CitizenMergedInto',
    description: 'The open report this one was merged into (status Digabung): follow it there',
  },
);

/** An approved request to see this report's reporter: to which office, when, and why. */
export const IdentityReveal = Exact(
  {
    approvedAt: DateTime,
    seenAt: Nullable(DateTime, { description: 'When the office first saw it; null: not (yet) seen' }),
    office: UnitRef,
    reason: Type.String(),
  },
  { title: 'IdentityReveal' },
);

/** A report as its reporter reads it (with their citizen token): everything they gave, unredacted. */
export const CitizenReportView = Exact(
  {
    audience: Type.Literal('citizen'),
    ticket: Type.String(),
    status: StatusView,
    category: CategoryView,
    kelurahan: Nullable(KelurahanRef),
    unit: Nullable(UnitRef),
    channel: Type.String(),
    private: Type.Boolean(),
    text: Type.String(),
    address: Nullable(Type.String()),
    location: Nullable(Point),
    anonymous: Type.Boolean(),
    visibility: Visibility,
    visibilityReason: Nullable(Type.String()),
    suggestedUnit: Nullable(UnitRef),
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
    history: Type.Array(CitizenHistoryEntry),
    allowedActions: Type.Array(ActionName, { description: 'What the reporter may do now' }),
    identityReveals: Type.Array(IdentityReveal, {
      description:
        'Every time the city’s authorised official let an office see who made this report, and why',
    }),
    mergedInto: Type.Optional(CitizenMergedInto),
  },
  { title: 'CitizenReportView', description: 'The reporter’s own view (citizen token)' },
);

export const MyReport = Exact(
  {
    ticket: Type.String(),
    status: StatusCode,
    category: Type.String(),
    text: Type.String(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'MyReport' },
);
export const MyReportsPage = Page(MyReport);

export const CreatedReport = Exact({
  ticket: Type.String(),
  // intake (services/intake) hands the status over as a plain string
  status: Type.Unsafe<string>(StatusCode),
  citizenToken: Type.String({ description: 'Keep it: it opens this report and lists your reports' }),
});

export type CitizenReportViewT = Static<typeof CitizenReportView>;
export type CitizenMergedIntoT = Static<typeof CitizenMergedInto>;
export type MyReportsPageT = Static<typeof MyReportsPage>;
