import { Type } from 'typebox';
import { Bilingual, Exact, Nullable, StringEnum } from '../../services/reads/read-schemas.js';

const Clock = StringEnum(['working', 'calendar'] as const, {
  description: 'working: only working hours count (work calendar, minus holidays); calendar: every hour',
});

/** GET /api/v1/admin/city: the city's configuration as loaded from its data folder; read-only. */
export const CityConfigView = Exact(
  {
    city: Exact({ id: Type.String(), name: Type.String(), timeZone: Type.String() }),
    dataFolder: Type.String({ description: 'The folder the server loaded at start; edit the files there' }),
    files: Type.Array(Type.String()),
    categories: Type.Array(
      Exact({
        code: Type.String(),
        name: Bilingual,
        sector: Type.String(),
        routesTo: Nullable(Bilingual, { description: 'Where its rule for everywhere (region *) sends it' }),
        exceptions: Type.Integer({ description: 'Rules for particular regions, which win over *' }),
      }),
    ),
    routingRules: Type.Array(
      Exact({
        category: Type.String(),
        regionCode: Nullable(Type.String(), { description: 'null: everywhere (*)' }),
        words: Bilingual,
        source: Type.String({ description: 'The rule as written, with its line in routing.csv' }),
      }),
    ),
    timeLimits: Type.Array(
      Exact({
        category: Type.String(),
        responseHours: Type.Number({ description: 'From arrival until a first response by the city' }),
        completionHours: Type.Number({ description: 'From arrival until done (also from arrival)' }),
        clock: Clock,
      }),
    ),
    workCalendar: Exact({
      workdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
      start: Type.String(),
      end: Type.String(),
      holidays: Type.Integer({ description: 'Holidays in holidays.csv' }),
    }),
    yellowAtFraction: Type.Number({
      description: 'Share of the allowed time after which a report turns yellow',
    }),
    escalation: Exact({ afterOverdueHours: Type.Number(), clock: Clock }),
  },
  { title: 'CityConfigView' },
);
