import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** Reserves `count` consecutive serials of a city-local day and returns the last one; atomic on both engines. */
export async function reserveTicketSerials(db: Db, localDay: string, count: number): Promise<number> {
  const row = await db
    .insertInto('ticket_counter')
    .values({ day: localDay, last_serial: count })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({ last_serial: sql`ticket_counter.last_serial + ${count}` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

interface Waiter {
  resolve: (serial: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands out ticket serials. The counter row of a day is a single hot row: every update of it waits for the
 * previous one to commit, which caps intake at one commit per report. So requests that arrive while an update
 * is in flight wait for it and are then served together by one update of `+n`. A lone request goes straight
 * through; serials stay unique across processes (each update reserves a disjoint range) and gap-free as long
 * as every reserved serial is used.
 */
export class TicketSerials {
  private readonly queues = new Map<string, Waiter[]>();
  private readonly busyDays = new Set<string>();

  constructor(private readonly db: Db) {}

  next(localDay: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(localDay);
      if (queue) queue.push({ resolve, reject });
      else this.queues.set(localDay, [{ resolve, reject }]);
      if (!this.busyDays.has(localDay)) void this.drain(localDay);
    });
  }

  private async drain(localDay: string): Promise<void> {
    this.busyDays.add(localDay);
    try {
      for (let batch = this.queues.get(localDay); batch; batch = this.queues.get(localDay)) {
        this.queues.delete(localDay);
        try {
          const last = await reserveTicketSerials(this.db, localDay, batch.length);
          const first = last - batch.length + 1;
          batch.forEach((waiter, i) => waiter.resolve(first + i));
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.busyDays.delete(localDay);
    }
  }
}
