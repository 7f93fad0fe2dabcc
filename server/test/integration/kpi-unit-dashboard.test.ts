import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MEDIAN_RELATIVE_ERROR } from '../../src/domain/duration-histogram.js';
import { STATUSES } from '../../src/domain/statuses.js';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// The unit dashboard's figures (GET /api/v1/kpi/unit, read from the rollups) against the same figures computed
// here, directly, from a small set of reports whose every time is known: status counts, this week and last week
// (up to the same weekday), the last 30 days, the days of the chart, medians (within the histogram's ±9.05%),
// the ranking among units of the same kind, and a unit with no reports at all.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 9 December 2026, 12:00 in Jakarta: this week began on Monday the 7th. */
const NOW = new Date('2026-12-09T12:00:00+07:00');

const OWN = 'kel-3171011001'; // Kelurahan Gambir
const BEST = 'kel-3171011002';
const WORSE = 'kel-3171061001';
const NO_COMPLETION = 'kel-3174091001';
const EMPTY = 'kel-3171011003'; // no report ever
const OTHER_KIND = 'kec-317101'; // a kecamatan: never ranked with kelurahan

interface Spec {
  unit: string;
  status: string;
  /** Jakarta time, 'YYYY-MM-DD HH:mm' */
  created: string;
  respondHours?: number;
  resolveHours?: number;
  responseDueHours?: number;
  completionDueHours?: number;
  escalated?: boolean;
}

const SPECS: Spec[] = [
  // this week
  { unit: OWN, status: 'menunggu', created: '2026-12-07 09:00' },
  { unit: OWN, status: 'proses', created: '2026-12-07 10:00', respondHours: 1 },
  {
    unit: OWN,
    status: 'selesai',
    created: '2026-12-08 08:00',
    respondHours: 2,
    responseDueHours: 1,
    resolveHours: 12,
    completionDueHours: 24,
  },
  { unit: OWN, status: 'ditolak', created: '2026-12-08 09:00', respondHours: 0.5 },
  // last week, up to Wednesday
  { unit: OWN, status: 'selesai', created: '2026-12-01 09:00', respondHours: 0.5, resolveHours: 24 },
  { unit: OWN, status: 'menunggu_validasi', created: '2026-12-02 10:00', respondHours: 6 },
  // last week, after Wednesday: in the chart and the 30 days, not in "last week"
  { unit: OWN, status: 'proses', created: '2026-12-03 08:00', respondHours: 12, escalated: true },
  // received weeks ago, completed late this Monday
  {
    unit: OWN,
    status: 'selesai',
    created: '2026-11-20 08:00',
    respondHours: 1,
    resolveHours: 17 * 24 + 7,
    completionDueHours: 7 * 24,
  },
  // older than 30 days: in the status counts only
  { unit: OWN, status: 'proses', created: '2026-10-01 08:00', respondHours: 1 },
  // peers: all on time; one late; received but nothing completed
  { unit: BEST, status: 'selesai', created: '2026-12-01 08:00', respondHours: 1, resolveHours: 5 },
  { unit: BEST, status: 'selesai', created: '2026-12-04 08:00', respondHours: 1, resolveHours: 30 },
  {
    unit: WORSE,
    status: 'selesai',
    created: '2026-11-25 08:00',
    respondHours: 1,
    resolveHours: 24 * 9,
    completionDueHours: 24 * 7,
  },
  { unit: NO_COMPLETION, status: 'menunggu', created: '2026-12-08 07:00' },
  { unit: OTHER_KIND, status: 'selesai', created: '2026-12-02 08:00', respondHours: 1, resolveHours: 3 },
];

const wib = (text: string) => new Date(`${text.replace(' ', 'T')}:00+07:00`);
/** The city-local day of an instant (Jakarta is UTC+7 all year). */
const dayOf = (at: Date) => new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 10);

interface Facts {
  spec: Spec;
  created: Date;
  responded: Date | null;
  resolved: Date | null;
  responseDue: Date;
  completionDue: Date;
}

function factsOf(spec: Spec): Facts {
  const created = wib(spec.created);
  const after = (hours: number | undefined) =>
    hours === undefined ? null : new Date(created.getTime() + hours * HOUR);
  return {
    spec,
    created,
    responded: after(spec.respondHours),
    resolved: after(spec.resolveHours),
    responseDue: after(spec.responseDueHours ?? 6)!,
    completionDue: after(spec.completionDueHours ?? 7 * 24)!,
  };
}
const FACTS = SPECS.map(factsOf);

function rowOf(f: Facts, i: number) {
  const id = randomUUID();
  return {
    id,
    ticket: `JK2612${String(i).padStart(6, '0')}`,
    status: f.spec.status,
    category_code: 'sampah',
    text: `laporan uji dasbor ${i}`,
    kelurahan_code: '31.71.01.1001',
    channel: 'api',
    is_private: false,
    is_anonymous: true,
    visibility: 'visible',
    assigned_unit_id: f.spec.unit,
    escalation_level: f.spec.escalated ? 1 : 0,
    sla_clock: 'calendar',
    response_due_at: f.responseDue,
    completion_due_at: f.completionDue,
    responded_at: f.responded,
    resolved_at: f.resolved,
    reopen_count: 0,
    event_count: 1,
    created_at: f.created,
    updated_at: f.created,
  };
}

const OPEN = new Set(['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews']);
const within = (at: Date | null, from: string, to: string) =>
  at !== null && dayOf(at) >= from && dayOf(at) <= to;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** The lower median, as the dashboard defines it. */
const lowerMedian = (xs: number[]) =>
  xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1]!;

/** A unit's figures over the city-local days [from, to], computed from the reports themselves. */
function direct(unit: string, from: string, to: string) {
  const mine = FACTS.filter((f) => f.spec.unit === unit);
  const received = mine.filter((f) => within(f.created, from, to));
  const resolved = mine.filter((f) => within(f.resolved, from, to));
  const responded = mine.filter((f) => within(f.responded, from, to));
  const breached = (f: Facts) =>
    (f.responded !== null && f.responded > f.responseDue) ||
    (f.resolved !== null && f.resolved > f.completionDue) ||
    !!f.spec.escalated;
  return {
    received: received.length,
    resolved: resolved.length,
    solvedShare: share(received.filter((f) => f.spec.status === 'selesai').length, received.length),
    slaCompliance: share(resolved.filter((f) => f.resolved! <= f.completionDue).length, resolved.length),
    responseCompliance: share(
      responded.filter((f) => f.responded! <= f.responseDue).length,
      responded.length,
    ),
    breached: received.filter(breached).length,
    open: received.filter((f) => OPEN.has(f.spec.status)).length,
    medianRespondSeconds: lowerMedian(
      responded.map((f) => (f.responded!.getTime() - f.created.getTime()) / 1000),
    ),
    medianResolveSeconds: lowerMedian(
      resolved.map((f) => (f.resolved!.getTime() - f.created.getTime()) / 1000),
    ),
  };
}

/** Medians read from histograms are within ±9.05% of the true ones; everything else is exact. */
function expectFigures(actual: Json, expected: ReturnType<typeof direct>) {
  const { medianRespondSeconds, medianResolveSeconds, ...exact } = expected;
  expect({ ...actual, medianRespondSeconds: null, medianResolveSeconds: null }).toEqual({
    ...exact,
    medianRespondSeconds: null,
    medianResolveSeconds: null,
  });
  for (const [got, want] of [
    [actual.medianRespondSeconds, medianRespondSeconds],
    [actual.medianResolveSeconds, medianResolveSeconds],
  ] as const) {
    if (want === null) expect(got).toBeNull();
    else expect(Math.abs(got / want - 1)).toBeLessThanOrEqual(MEDIAN_RELATIVE_ERROR + 1e-9);
  }
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe.each(testEngines())('the unit dashboard on %s', (engine) => {
  let server: TestServer;
  let officer = '';
  let admin = '';
  beforeAll(async () => {
    server = await testServer(engine);
    server.ctx.setNow(NOW);
    await server.ctx.store.db.insertInto('report').values(FACTS.map(rowOf)).execute();
    officer = await signInStaff(server, 'lurah.gambir', 'officer', OWN);
    admin = await signInStaff(server, 'admin.kota', 'admin', 'pemprov');
  }, 120_000);
  afterAll(async () => server?.close());

  const figures = async (token: string, unit?: string) => {
    const r = await call<Json>(server.url, 'GET', `/api/v1/kpi/unit${unit ? `?unit=${unit}` : ''}`, {
      token,
    });
    expect(r.status, r.text).toBe(200);
    return r.body;
  };

  test('an officer’s own unit: every figure equals the one computed from the reports', async () => {
    const today = '2026-12-09';
    const body = await figures(officer);
    expect(body.unit).toEqual({ id: OWN, name: 'Kelurahan Gambir', kind: 'kelurahan' });

    const own = FACTS.filter((f) => f.spec.unit === OWN);
    expect(body.statusCounts).toEqual(
      STATUSES.map((status) => {
        const held = own.filter((f) => f.spec.status === status);
        return {
          status,
          reports: held.length,
          breached: held.filter(
            (f) =>
              (f.responded !== null && f.responded > f.responseDue) ||
              (f.resolved !== null && f.resolved > f.completionDue) ||
              !!f.spec.escalated,
          ).length,
        };
      }),
    );

    // this week: Monday 7 – Wednesday 9; last week: Monday 30 November – Wednesday 2 December
    expectFigures(body.thisWeek, direct(OWN, '2026-12-07', today));
    expectFigures(body.lastWeek, direct(OWN, '2026-11-30', '2026-12-02'));
    expectFigures(body.last30Days, direct(OWN, addDays(today, -29), today));
    // the same by hand, so that a slip in the direct computation cannot hide one in the dashboard
    expect(body.thisWeek).toMatchObject({ received: 4, resolved: 2, slaCompliance: 0.5, open: 2 });
    expect(body.lastWeek).toMatchObject({ received: 2, resolved: 1, slaCompliance: 1, open: 0 });
    expect(body.last30Days.received).toBe(8);

    // the chart's days: last Monday to today, zeros included
    expect(body.daily).toEqual(
      Array.from({ length: 10 }, (_, i) => {
        const day = addDays('2026-11-30', i);
        return {
          day,
          received: own.filter((f) => dayOf(f.created) === day).length,
          resolved: own.filter((f) => f.resolved && dayOf(f.resolved) === day).length,
        };
      }),
    );

    // kelurahan ranked with kelurahan over 30 days by SLA compliance: all on time, 2 of 3, none, nothing completed
    expect(body.ranking.position).toBe(2);
    expect(body.ranking.of).toBe(4);
    expect(body.ranking.peers.map((p: Json) => p.code)).toEqual([BEST, OWN, WORSE, NO_COMPLETION]);
    for (const peer of body.ranking.peers as Json[]) {
      const d = direct(peer.code, addDays(today, -29), today);
      expect(peer).toMatchObject({
        received: d.received,
        resolved: d.resolved,
        open: d.open,
        breached: d.breached,
        solvedShare: d.solvedShare,
        slaCompliance: d.slaCompliance,
      });
    }
    expect(body.ranking.peers.map((p: Json) => p.slaCompliance)).toEqual([1, 2 / 3, 0, null]);
  });

  test('a unit with no reports reads as zeros and "no figure", not as last in the ranking', async () => {
    const body = await figures(admin, EMPTY);
    expect(body.statusCounts.every((s: Json) => s.reports === 0 && s.breached === 0)).toBe(true);
    for (const period of [body.thisWeek, body.lastWeek, body.last30Days])
      expect(period).toEqual({
        received: 0,
        resolved: 0,
        solvedShare: null,
        slaCompliance: null,
        responseCompliance: null,
        breached: 0,
        open: 0,
        medianRespondSeconds: null,
        medianResolveSeconds: null,
      });
    expect(body.daily.every((d: Json) => d.received === 0 && d.resolved === 0)).toBe(true);
    expect(body.ranking.position).toBeNull();
    expect(body.ranking.of).toBe(4);
    expect(body.ranking.peers.map((p: Json) => p.code)).toEqual([BEST, OWN, WORSE]);
    // a kecamatan is ranked among kecamatan only
    const kecamatan = await figures(admin, OTHER_KIND);
    expect(kecamatan.ranking).toMatchObject({ position: 1, of: 1 });
  });

  test('an officer sees only their own unit; an unknown unit is a bilingual 404', async () => {
    const other = await call<Json>(server.url, 'GET', `/api/v1/kpi/unit?unit=${BEST}`, { token: officer });
    expect(other.status).toBe(403);
    expect(other.body.error.message.id).toMatch(/unitnya sendiri/);
    expect(other.body.error.message.en).toMatch(/their own unit/);
    const unknown = await call<Json>(server.url, 'GET', '/api/v1/kpi/unit?unit=tidak-ada', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/tidak dikenal/);
    expect(unknown.text).toMatch(/Unknown unit/);
  });
});
