import { Type } from 'typebox';
import { STATUSES } from '../../../domain/statuses.js';
import { Bilingual, Exact, Nullable, StringEnum } from '../read-schemas.js';

// The KPI responses: figures only, never a report, a person or a text (the schema is the contract).

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Seconds = Nullable(Type.Number({ minimum: 0 }));
const Count = Type.Integer();
const Day = Type.String({ format: 'date' });

export const PeriodFigures = Exact(
  {
    received: Count,
    resolved: Count,
    solvedShare: Share,
    slaCompliance: Share,
    responseCompliance: Share,
    breached: Count,
    open: Count,
    medianRespondSeconds: Seconds,
    medianResolveSeconds: Seconds,
  },
  { title: 'PeriodFigures' },
);

export const LeagueRow = Exact(
  {
    code: Type.String(),
    name: Type.String(),
    received: Count,
    resolved: Count,
    open: Count,
    breached: Count,
    solvedShare: Share,
    slaCompliance: Share,
    meanResolveHours: Nullable(Type.Number()),
  },
  { title: 'LeagueRow' },
);

export const CityFigures = Exact(
  {
    today: Day,
    monthStart: Day,
    todayFigures: PeriodFigures,
    monthFigures: PeriodFigures,
    kotaLeague: Type.Array(LeagueRow),
    unitLeague: Type.Array(LeagueRow),
    channels: Type.Array(
      Exact({
        channel: Type.String(),
        name: Nullable(Bilingual, {
          description:
            'The channel’s name in city.json (null for a code no longer there, with reports from before)',
        }),
        received: Count,
        averageMinutesToFirstReply: Nullable(
          Type.Number({
            description:
              'This month’s reports: from intake to the delivery of the first message to the citizen, on average',
          }),
        ),
        failedSends: Type.Integer({
          minimum: 0,
          description: 'Notifications still undelivered an hour after they were due (now)',
        }),
      }),
      { description: 'Every channel of city.json, busiest first' },
    ),
    categoryTrend: Exact({
      days: Type.Array(Day),
      series: Type.Array(
        Exact({ category: Type.String(), name: Type.String(), received: Type.Array(Count) }),
      ),
    }),
    areas: Type.Array(Exact({ kelurahan: Type.String(), open: Count, breached: Count })),
  },
  { title: 'CityFigures' },
);

export const UnitFigures = Exact(
  {
    unit: Exact({ id: Type.String(), name: Type.String(), kind: Type.String() }),
    statusCounts: Type.Array(Exact({ status: StringEnum(STATUSES), reports: Count, breached: Count })),
    last30Days: PeriodFigures,
    thisWeek: PeriodFigures,
    lastWeek: PeriodFigures,
    daily: Type.Array(Exact({ day: Day, received: Count, resolved: Count })),
    ranking: Exact({ position: Nullable(Type.Integer()), of: Count, peers: Type.Array(LeagueRow) }),
  },
  { title: 'UnitFigures' },
);

export const UnitFiguresQuery = Type.Object(
  { unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
