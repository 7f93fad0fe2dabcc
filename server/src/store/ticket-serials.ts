import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

const RESERVE_SQL =
  'insert into ticket_counter (day, last_serial) values ($1, $2) ' +
  'on conflict (day) do update set last_serial = ticket_counter.last_serial + excluded.last_serial ' +
  'returning last_serial';

/** Reserves `count` consecutive serials of a city-local day and returns the last one; atomic on both engines. */
export async function reserveTicketSerials(db: Db, localDay: string, count: number): Promise<number> {
  // Written out rather than built: it runs once per batch of intakes, and building it cost more than running it.
  const { rows } = await db.executeQuery<{ last_serial: number }>(
    CompiledQuery.raw(RESERVE_SQL, [localDay, count]),
  );
  const row = rows[0];
  if (!row) throw new Error('the ticket counter returned no row');
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
