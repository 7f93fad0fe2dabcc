import fc from 'fast-check';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../src/domain/statuses.js';
import {
  type FeedFilter,
  publicFeedQuery,
  type QueueFilter,
  queueQuery,
} from '../../../src/store/report-queries.js';
import type { Database } from '../../../src/store/schema.js';
import { statementShapes } from '../../../src/store/statement-shapes.js';

/** Compiles PostgreSQL's SQL and runs nothing. */
const newDb = () =>
  new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });

// user text at the edges: empty, wildcard and escape characters, quotes, non-ASCII
const text = fc.oneof(
  fc.constant(''),
  fc.constantFrom('jalan', '31.71', '31.71.01', '31.71.01.1001', '31.7', "o'reilly", '50%_\\', 'jalan rusak'),
  fc.string({ maxLength: 12 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const cursor = fc.record({
  createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  id: fc.uuid(),
});

const feedFilter: fc.Arbitrary<FeedFilter> = fc.record({
  category: maybe(text),
  kotaPrefix: maybe(text),
  kelurahan: maybe(text),
  status: maybe(fc.constantFrom(...STATUSES)),
  cursor: maybe(cursor),
  limit: fc.integer({ min: 1, max: 100 }),
});

const queueFilter: fc.Arbitrary<QueueFilter> = fc.record({
  unitId: maybe(text),
  scope: maybe(fc.constantFrom('assigned' as const, 'escalated' as const)),
  statuses: maybe(fc.subarray([...STATUSES])),
  openOnly: maybe(fc.boolean()),
  category: maybe(text),
  channel: maybe(text),
  kelurahanCode: maybe(text),
  overdueAt: maybe(fc.date({ noInvalidDate: true })),
  withSimilar: maybe(fc.boolean()),
  words: maybe(fc.array(text, { maxLength: 5 })),
  includeRemoved: maybe(fc.boolean()),
  cursor: maybe(cursor),
  limit: fc.integer({ min: 1, max: 100 }),
});

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Filters in a row, half of them a sibling of an earlier one: the same filters given, with other values (other
 * array lengths, other flags) taken from `others`, so that the cache is asked for shapes it holds already.
 */
function siblings<F extends object>(filter: fc.Arbitrary<F>) {
  return fc.array(fc.tuple(filter, filter, fc.nat()), { minLength: 1, maxLength: 30 }).map((draws) => {
    const row: F[] = [];
    for (const [own, others, pick] of draws) {
      if (row.length === 0 || pick % 2 === 0) {
        row.push(own);
        continue;
      }
      const earlier = row[pick % row.length]! as Record<string, unknown>;
      const source = others as Record<string, unknown>;
      const sibling: Record<string, unknown> = { ...earlier };
      for (const key of Object.keys(earlier))
        if (given(earlier[key]) && given(source[key])) sibling[key] = source[key];
      row.push(sibling as F);
    }
    return row;
  });
}

describe('statementShapes', () => {
  it('the feed and the queue, compiled once per shape, are every call the statement compiled from its own values', () => {
    // one database per run: its cache holds the shapes of the filters before
    fc.assert(
      fc.property(siblings(feedFilter), (filters) => {
        const db = newDb();
        for (const f of filters) {
          const cached = publicFeedQuery(db, f);
          const fresh = publicFeedQuery.uncached(db, f);
          expect(cached.sql).toBe(fresh.sql);
          expect(cached.parameters).toEqual(fresh.parameters);
        }
      }),
    );
    fc.assert(
      fc.property(siblings(queueFilter), (filters) => {
        const db = newDb();
        for (const f of filters) {
          const cached = queueQuery(db, f);
          const fresh = queueQuery.uncached(db, f);
          expect(cached.sql).toBe(fresh.sql);
          expect(cached.parameters).toEqual(fresh.parameters);
        }
      }),
    );
  });

  it('every value is a parameter of its own; an array, one per item', () => {
    const statement = statementShapes(
      (args: { ids: string[]; ticket?: string }) => args,
      (db, v) => {
        let q = db.selectFrom('report').select('id').where('id', 'in', v.ids);
        if (v.ticket) q = q.where('ticket', '=', v.ticket);
        return q;
      },
    );
    const db = newDb();
    const one = statement(db, { ids: ['a', 'b'], ticket: 'JK1' });
    expect(one.sql).toBe('select "id" from "report" where "id" in ($1, $2) and "ticket" = $3');
    expect(one.parameters).toEqual(['a', 'b', 'JK1']);
    expect(statement(db, { ids: ['c', 'd'], ticket: 'JK2' }).parameters).toEqual(['c', 'd', 'JK2']);
    // another length, and a value not given ('' reads as not given, as `if (value)` reads it): another shape
    const other = statement(db, { ids: ['e'], ticket: '' });
    expect(other.sql).toBe('select "id" from "report" where "id" in ($1)');
    expect(other.parameters).toEqual(['e']);
  });

  it('refuses a builder that computes with a value, or compiles a parameter that is no value of the call', () => {
    const computes = statementShapes(
      (ticket: string) => ({ ticket }),
      (db, v) => db.selectFrom('report').select('id').where('ticket', 'like', `${v.ticket}%`),
    );
    expect(() => computes(newDb(), 'JK')).toThrow(/is a parameter; compute it before building/);
    const constant = statementShapes(
      (ticket: string) => ({ ticket }),
      (db, v) =>
        db.selectFrom('report').select('id').where('ticket', '=', v.ticket).where('is_private', '=', true),
    );
    expect(() => constant(newDb(), 'JK')).toThrow(/a parameter that is not a value of the call/);
  });

  it('constants choose the SQL and are never parameters', () => {
    const statement = statementShapes(
      (args: { ticket: string; open: boolean }) => args,
      (db, v) =>
        db
          .selectFrom('report')
          .select('id')
          .where('ticket', '=', v.ticket)
          .$if(v.open, (q) => q.where('status', '!=', sql.lit('selesai'))),
      ['open'],
    );
    const db = newDb();
    expect(statement(db, { ticket: 'JK1', open: true }).sql).toContain(`"status" != 'selesai'`);
    expect(statement(db, { ticket: 'JK2', open: false }).sql).not.toContain('status');
    expect(statement(db, { ticket: 'JK3', open: true }).parameters).toEqual(['JK3']);
  });
});
