import { randomBytes, randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type pg from 'pg';
import { localDateString } from '../../server/src/domain/calendar.js';
import { evolve } from '../../server/src/domain/evolve.js';
import type { CreatedEvent } from '../../server/src/domain/report-events.js';
import { computeDeadlines } from '../../server/src/domain/sla.js';
import { formatTicket } from '../../server/src/domain/ticket.js';
import type { CityContext } from '../../server/src/services/app/city-context.js';
import { placeReport } from '../../server/src/services/intake/placement.js';
import { nextEscalation } from '../../server/src/services/handling/schedule.js';
import { eventToRow, stateToRow } from '../../server/src/store/report-rows.js';
import type { ReportEventTable, ReportTable } from '../../server/src/store/schema.js';
import { type LoadRun, runLoad } from './load.js';
import type { ReportInput } from './report-input.js';

/** Ticket prefixes the server never issues here (Jakarta's is JK), so every phase can share the tables. */
const TICKET_PREFIX = { minimal: 'JBARE', 'server-sequence': 'JSEQ' } as const;

interface BareRow {
  report: Insertable<ReportTable>;
  event: Insertable<ReportEventTable>;
}

/**
 * The rows the server writes for a new report, built ahead of time with the server's own domain code
 * (placement, SLA deadlines, the created event, evolve → stateToRow / eventToRow), so that the timed part
 * is only the database work.
 */
function buildRows(
  city: CityContext,
  inputs: ReportInput[],
  ticketPrefix: string,
  citizenOf: (i: number) => string,
): BareRow[] {
  const start = Date.now();
  return inputs.map((input, i) => {
    const now = new Date(start + i);
    const place = placeReport(city, input.category, input);
    const policy = city.slaPolicy(input.category);
    const id = randomUUID();
    const citizenId = citizenOf(i);
    const event: CreatedEvent = {
      type: 'created',
      at: now,
      actor: { kind: 'citizen', id: citizenId, unitId: null },
      report: {
        id,
        ticket: formatTicket(ticketPrefix, localDateString(now, city.calendar), i + 1),
        categoryCode: input.category,
        text: input.text,
        address: null,
        lat: input.lat,
        lng: input.lng,
        kelurahanCode: place.kelurahanCode,
        channel: 'api',
        isPrivate: input.private,
        isAnonymous: false,
        citizenId,
        identityId: null,
        assignedUnitId: place.assignedUnitId,
        suggestedUnitId: place.suggestedUnitId,
        slaClock: policy.clock,
      },
      routing: { rule: place.rule, mode: place.mode },
      schedule: computeDeadlines(now, policy, city.calendar),
    };
    event.schedule.nextEscalationAt = nextEscalation(city, evolve(null, event));
    const state = evolve(null, event);
    return { report: stateToRow(state), event: eventToRow(id, 1, event, null, state.status) };
  });
}

interface Statement {
  text: string;
  columns: string[];
}

function insertStatement(table: string, row: object, firstParam = 1): Statement {
  const columns = Object.keys(row);
  const params = columns.map((_, i) => `$${i + firstParam}`).join(', ');
  return { text: `insert into ${table} (${columns.join(', ')}) values (${params})`, columns };
}

/** `with x as (insert … returning 1), … insert …`: several rows in one atomic statement, as the server writes them. */
function chainedInserts(parts: { table: string; row: object }[]): {
  text: string;
  columnsPerRow: string[][];
} {
  let next = 1;
  const statements = parts.map(({ table, row }) => {
    const statement = insertStatement(table, row, next);
    next += statement.columns.length;
    return statement;
  });
  const ctes = statements.slice(0, -1).map((s, i) => `new_${i} as (${s.text} returning 1)`);
  return {
    text: `with ${ctes.join(', ')} ${statements.at(-1)!.text}`,
    columnsPerRow: statements.map((s) => s.columns),
  };
}

/**
 * `minimal`: the ceiling — per report one statement writing the `report` row and its `report_event` row; the
 * citizens exist beforehand (one per client), so the foreign key is checked as on the server.
 * `server-sequence`: what the server sends for a first-time citizen when no other intake is in flight — the
 * daily ticket counter upsert, then one statement writing a new `citizen`, `report` and `report_event` row.
 */
export type BareMode = 'minimal' | 'server-sequence';

export interface BareInsertOptions {
  pool: pg.Pool;
  city: CityContext;
  inputs: ReportInput[];
  concurrency: number;
  warmup: number;
  total: number;
  mode: BareMode;
  /** Repeated runs of a mode write tickets of their own (the ticket column is unique): 1 → prefix + A, … */
  round?: number;
  onMeasureStart?: () => void;
}

const COUNTER_UPSERT = `insert into ticket_counter (day, last_serial) values ($1, 1)
  on conflict (day) do update set last_serial = ticket_counter.last_serial + 1 returning last_serial`;
/** A day the server never counts on, so this phase has its own (equally hot) counter row. */
const COUNTER_DAY = '2000-01-01';

/** Inserts through a node-postgres pool as plain parameterised statements: no HTTP, no application code. */
export async function runBareInsert(options: BareInsertOptions): Promise<LoadRun> {
  const { pool, mode } = options;
  const count = options.warmup + options.total;
  const shared = Array.from({ length: options.concurrency }, () => randomUUID());
  const perReport = mode === 'server-sequence' ? Array.from({ length: count }, () => randomUUID()) : [];
  if (mode === 'minimal')
    for (const id of shared)
      await pool.query('insert into citizen (id, token_hash, created_at) values ($1, $2, now())', [
        id,
        `bench-${randomBytes(16).toString('hex')}`,
      ]);
  const rows = buildRows(
    options.city,
    Array.from({ length: count }, (_, i) => options.inputs[i % options.inputs.length]!),
    TICKET_PREFIX[mode] + (options.round ? String.fromCharCode(64 + options.round) : ''),
    (i) => (mode === 'minimal' ? shared[i % shared.length]! : perReport[i]!),
  );
  const first = rows[0]!;
  const citizenRow = (row: BareRow) => ({
    id: row.report.citizen_id,
    token_hash: `bench-${row.report.id}`,
    created_at: row.report.created_at,
  });
  const partsOf = (row: BareRow) => [
    ...(mode === 'server-sequence' ? [{ table: 'citizen', row: citizenRow(row) }] : []),
    { table: 'report', row: row.report },
    { table: 'report_event', row: row.event },
  ];
  const statement = chainedInserts(partsOf(first));
  const valuesOf = (row: BareRow) =>
    partsOf(row).flatMap((part, i) =>
      statement.columnsPerRow[i]!.map((c) => (part.row as Record<string, unknown>)[c] ?? null),
    );

  const insertOne = async (i: number) => {
    if (mode === 'server-sequence') await pool.query(COUNTER_UPSERT, [COUNTER_DAY]);
    await pool.query(statement.text, valuesOf(rows[i]!));
  };
  await runLoad(options.concurrency, options.warmup, insertOne);
  options.onMeasureStart?.();
  return runLoad(options.concurrency, options.total, (i) => insertOne(options.warmup + i));
}
