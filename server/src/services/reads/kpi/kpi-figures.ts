import { authorize, can } from '../../../domain/authorize.js';
import { localDateString } from '../../../domain/calendar.js';
import { DomainError } from '../../../domain/domain-error.js';
import { medianOf } from '../../../domain/duration-histogram.js';
import { byLeaguePerformance } from '../../../domain/league-order.js';
import { OPEN_STATUSES, STATUSES, type Status, isStatus } from '../../../domain/statuses.js';
import {
  currentCounts,
  durationHistogram,
  rollupByDay,
  rollupSums,
  type Sums,
} from '../../../store/kpi-queries.js';
import { type ChannelReplies, queryChannelReplies } from '../../../store/report-queries.js';
import type { AppContext } from '../../app/app-context.js';
import { actorOf } from '../../identity/policies.js';
import type { StaffUser } from '../../identity/sessions.js';

// The dashboard's and the monitoring room's figures, read from the rollups (migration 0019): a handful of
// indexed reads of small tables, whatever the number of reports. Counts are exact; medians come from
// histograms (domain/duration-histogram.ts: within ±9.05%).

const DAY_MS = 86_400_000;

/** A city-local day 'YYYY-MM-DD' moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week of a city-local day. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

const dayDifference = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface PeriodFigures {
  /** reports received in the period */
  received: number;
  /** reports completed (Selesai) in the period */
  resolved: number;
  /** of the reports received in the period, the share now Selesai */
  solvedShare: number | null;
  /** of those completed in the period, the share completed by their deadline */
  slaCompliance: number | null;
  /** of those answered in the period, the share answered by their deadline */
  responseCompliance: number | null;
  /** of the reports received in the period, those with an SLA breach */
  breached: number;
  /** of the reports received in the period, those still open */
  open: number;
  medianRespondSeconds: number | null;
  medianResolveSeconds: number | null;
}

const EMPTY: Sums = {
  received: 0,
  open: 0,
  done: 0,
  breached: 0,
  resolved: 0,
  resolvedOnTime: 0,
  responded: 0,
  respondedOnTime: 0,
  respondSeconds: 0,
  resolveSeconds: 0,
};

function figuresOf(sums: Sums, respond: Map<number, number>, resolve: Map<number, number>): PeriodFigures {
  return {
    received: sums.received,
    resolved: sums.resolved,
    solvedShare: ratio(sums.done, sums.received),
    slaCompliance: ratio(sums.resolvedOnTime, sums.resolved),
    responseCompliance: ratio(sums.respondedOnTime, sums.responded),
    breached: sums.breached,
    open: sums.open,
    medianRespondSeconds: medianOf(respond),
    medianResolveSeconds: medianOf(resolve),
  };
}

async function periodFigures(
  ctx: AppContext,
  grain: 'city' | 'unit' | 'kota',
  key: string,
  from: string,
  to: string,
): Promise<PeriodFigures> {
  const db = ctx.store.db;
  const [sums, respond, resolve] = await Promise.all([
    rollupSums(db, grain, from, to, [key]),
    durationHistogram(db, grain, key, 'respond', from, to),
    durationHistogram(db, grain, key, 'resolve', from, to),
  ]);
  return figuresOf(sums.get(key) ?? EMPTY, respond, resolve);
}

export interface LeagueRow {
  code: string;
  name: string;
  received: number;
  resolved: number;
  open: number;
  breached: number;
  solvedShare: number | null;
  slaCompliance: number | null;
  /** mean hours to complete of those completed in the period (the rollups keep sums; medians per row would cost) */
  meanResolveHours: number | null;
}

function leagueRow(code: string, name: string, s: Sums): LeagueRow {
  return {
    code,
    name,
    received: s.received,
    resolved: s.resolved,
    open: s.open,
    breached: s.breached,
    solvedShare: ratio(s.done, s.received),
    slaCompliance: ratio(s.resolvedOnTime, s.resolved),
    meanResolveHours: s.resolved > 0 ? s.resolveSeconds / s.resolved / 3600 : null,
  };
}

/** Best first: SLA compliance, then the share solved, then volume; rows without figures last. */
/** League rows best first (see domain/league-order.ts: shares weighed by how many reports they rest on). */
function league(entries: { code: string; name: string; sums: Sums }[]): LeagueRow[] {
  return entries
    .map((e) => ({ ...e, counts: { code: e.code, ...e.sums } }))
    .sort((a, b) => byLeaguePerformance(a.counts, b.counts))
    .map((e) => leagueRow(e.code, e.name, e.sums));
}

export interface CityFigures {
  today: string;
  monthStart: string;
  todayFigures: PeriodFigures;
  monthFigures: PeriodFigures;
  kotaLeague: LeagueRow[];
  unitLeague: LeagueRow[];
  /** every channel of city.json: received this month, time to first reply (this month), failed sends (now) */
  channels: ({
    channel: string;
    name: { id: string; en: string } | null;
    received: number;
  } & ChannelReplies)[];
  /** received per category and day over the last 14 days, the 6 busiest categories */
  categoryTrend: { days: string[]; series: { category: string; name: string; received: number[] }[] };
  /** per kelurahan: reports open now, and of those with an SLA breach */
  areas: { kelurahan: string; open: number; breached: number }[];
}

const NOT_CITY = () =>
  DomainError.forbidden({
    id: 'Hanya admin dan verifikator yang dapat melihat seluruh kota (ruang pantau)',
    en: 'Only administrators and verifiers may see the whole city (monitoring room)',
  });

/** The monitoring room: the city today and this month, league tables, channel mix, category trend, the map. */
export async function cityFigures(ctx: AppContext, user: StaffUser): Promise<CityFigures> {
  if (!can(actorOf(user), 'monitor.city')) throw NOT_CITY();
  const db = ctx.store.db;
  const today = localDateString(ctx.now(), ctx.city.calendar);
  const monthStart = `${today.slice(0, 8)}01`;
  const trendFrom = addDays(today, -13);
  // the month's first local midnight as an instant
  const monthFrom = new Date(
    Date.parse(`${monthStart}T00:00:00Z`) - ctx.city.calendar.utcOffsetMinutes * 60_000,
  );
  const [todayFigures, monthFigures, kota, units, channels, categories, current, replies] = await Promise.all(
    [
      periodFigures(ctx, 'city', 'all', today, today),
      periodFigures(ctx, 'city', 'all', monthStart, today),
      rollupSums(db, 'kota', monthStart, today),
      rollupSums(db, 'unit', monthStart, today),
      rollupSums(db, 'channel', monthStart, today),
      rollupByDay(db, 'category', trendFrom, today),
      currentCounts(db, 'kelurahan', null),
      queryChannelReplies(db, ctx.now(), monthFrom),
    ],
  );
  const { regions, units: unitList, categories: categoryList } = ctx.city.city;
  const kotaLeague = league(
    [...kota]
      .filter(([code]) => code !== '')
      .map(([code, sums]) => ({ code, name: regions.get(code)?.name ?? code, sums })),
  );
  // the fifteen busiest units, ranked among themselves
  const unitLeague = league(
    [...units]
      .filter(([, sums]) => sums.received + sums.resolved > 0)
      .sort(([a, x], [b, y]) => y.received - x.received || a.localeCompare(b))
      .slice(0, 15)
      .map(([code, sums]) => ({ code, name: unitList.get(code)?.name ?? code, sums })),
  );
  const days = Array.from({ length: 14 }, (_, i) => addDays(trendFrom, i));
  const perCategory = new Map<string, number[]>();
  for (const row of categories) {
    const series = perCategory.get(row.key) ?? days.map(() => 0);
    const index = days.indexOf(row.day);
    if (index >= 0) series[index]! += row.received;
    perCategory.set(row.key, series);
  }
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const series = [...perCategory]
    .filter(([, received]) => total(received) > 0)
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, 6)
    .map(([category, received]) => ({
      category,
      name: categoryList.get(category)?.nameId ?? category,
      received,
    }));
  const areas = new Map<string, { open: number; breached: number }>();
  for (const row of current) {
    if (row.key === '' || !isStatus(row.status) || !OPEN_STATUSES.has(row.status)) continue;
    const area = areas.get(row.key) ?? { open: 0, breached: 0 };
    area.open += row.reports;
    area.breached += row.breached;
    areas.set(row.key, area);
  }
  return {
    today,
    monthStart,
    todayFigures,
    monthFigures,
    kotaLeague,
    unitLeague,
    channels: [...new Set([...ctx.city.city.config.channels.map((c) => c.code), ...channels.keys()])]
      .map((code) => ({
        channel: code,
        name: ctx.city.city.config.channels.find((c) => c.code === code)?.name ?? null,
        received: channels.get(code)?.received ?? 0,
        averageMinutesToFirstReply: replies.get(code)?.averageMinutesToFirstReply ?? null,
        failedSends: replies.get(code)?.failedSends ?? 0,
      }))
      .sort((a, b) => b.received - a.received || a.channel.localeCompare(b.channel)),
    categoryTrend: { days, series },
    areas: [...areas]
      .map(([kelurahan, a]) => ({ kelurahan, ...a }))
      .sort((a, b) => a.kelurahan.localeCompare(b.kelurahan)),
  };
}

export interface UnitFigures {
  unit: { id: string; name: string; kind: string };
  /** reports the unit holds now, per status (every status, zero included, in lifecycle order) */
  statusCounts: { status: Status; reports: number; breached: number }[];
  /** the last 30 days (today included) */
  last30Days: PeriodFigures;
  thisWeek: PeriodFigures;
  lastWeek: PeriodFigures;
  /** received and completed per city-local day, from last week's Monday to today (zeros included) */
  daily: { day: string; received: number; resolved: number }[];
  /**
   * among units of the same kind (kelurahan with kelurahan, dinas with dinas) that received or completed reports
   * in the last 30 days, best first (SLA compliance, then share solved, each weighed by its count: see
   * domain/league-order.ts); position null when the unit did neither;
   * peers: up to two above and two below it (the top three when it has no place)
   */
  ranking: { position: number | null; of: number; peers: LeagueRow[] };
}

/** The unit dashboard: one's own unit (officers), or any unit (those who see the whole city). */
export async function unitFigures(
  ctx: AppContext,
  user: StaffUser,
  unitId: string | undefined,
): Promise<UnitFigures> {
  const actor = actorOf(user);
  const id = unitId ?? user.unitId;
  if (id !== user.unitId) authorize(actor, 'monitor.city');
  const unit = ctx.city.city.units.get(id);
  if (!unit) throw DomainError.notFound({ id: `Unit "${id}" tidak dikenal`, en: `Unknown unit "${id}"` });
  const db = ctx.store.db;
  const today = localDateString(ctx.now(), ctx.city.calendar);
  const from30 = addDays(today, -29);
  const monday = mondayOf(today);
  const peers = [...ctx.city.city.units.values()].filter((u) => u.kind === unit.kind);
  const lastMonday = addDays(monday, -7);
  const [current, last30Days, thisWeek, lastWeek, peerSums, days] = await Promise.all([
    currentCounts(db, 'unit', id),
    periodFigures(ctx, 'unit', id, from30, today),
    periodFigures(ctx, 'unit', id, monday, today),
    // last week up to the same weekday, so the two compare like with like
    periodFigures(ctx, 'unit', id, lastMonday, addDays(today, -7)),
    rollupSums(
      db,
      'unit',
      from30,
      today,
      peers.map((p) => p.id),
    ),
    rollupByDay(db, 'unit', lastMonday, today, [id]),
  ]);
  const perDay = new Map(days.map((d) => [d.day, d]));
  const daily = Array.from({ length: 7 + 1 + dayDifference(monday, today) }, (_, i) => {
    const day = addDays(lastMonday, i);
    return { day, received: perDay.get(day)?.received ?? 0, resolved: perDay.get(day)?.resolved ?? 0 };
  });
  const counts = new Map(current.map((r) => [r.status, r]));
  const ranked = league(
    peers
      .map((p) => ({ code: p.id, name: p.name, sums: peerSums.get(p.id) ?? EMPTY }))
      .filter(({ sums }) => sums.received + sums.resolved > 0),
  );
  // a unit with nothing received or completed in the window has no place (not the last one)
  const index = ranked.findIndex((row) => row.code === id);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    statusCounts: STATUSES.map((status) => ({
      status,
      reports: counts.get(status)?.reports ?? 0,
      breached: counts.get(status)?.breached ?? 0,
    })),
    last30Days,
    thisWeek,
    lastWeek,
    daily,
    ranking: {
      position: index >= 0 ? index + 1 : null,
      of: ranked.length,
      peers: index >= 0 ? ranked.slice(Math.max(0, index - 2), index + 3) : ranked.slice(0, 3),
    },
  };
}
