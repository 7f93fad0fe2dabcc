import type { Kysely } from 'kysely';
import { loggableError } from '../../security/loggable-error.js';
import type { Database } from '../../store/schema.js';
import { type OutboxEntry, takeOutbox } from '../../store/outbox-repository.js';
import type { Logger } from 'pino';

/** Creates the jobs of outbox rows inside the transaction `tx` that takes the rows out of the outbox. */
export type CreateJobs = (tx: Kysely<Database>, rows: OutboxEntry[]) => Promise<void>;

/** Rows moved per transaction. */
const BATCH = 200;

/**
 * Moves outbox rows into the job queue after their transaction committed. Each pass deletes a batch of rows and
 * creates their jobs in one transaction, with the row's id as the job's id: a row is never lost (the delete
 * rolls back with a failed insert) and never doubled (it is gone once its job exists, and the job id is unique).
 * `poke()` runs a pass right after a commit that wrote rows; a pass also runs every few seconds for rows whose
 * poke was lost (a crash, another process that wrote them). Pokes during a pass make one more pass after it.
 */
export class OutboxRelay {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: readonly string[],
    private readonly createJobs: CreateJobs,
    private readonly log: Logger,
    private readonly onMoved: (rows: OutboxEntry[]) => void = () => {},
  ) {}

  /** One transaction: up to `limit` rows out, their jobs in. Returns how many moved. */
  async moveBatch(limit = BATCH): Promise<number> {
    const moved = await this.db.transaction().execute(async (tx) => {
      const rows = await takeOutbox(tx, limit, this.jobs);
      if (rows.length) await this.createJobs(tx, rows);
      return rows;
    });
    if (moved.length) this.onMoved(moved);
    return moved.length;
  }

  /** Moves everything the outbox holds now (batch after batch). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.moveBatch();
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  /** Asks for a pass soon; never throws (a failed pass is logged and the rows wait for the next). */
  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(
        () => {},
        (error: unknown) => this.log.error({ err: loggableError(error) }, 'outbox relay failed'),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Waits for the pass in flight, if any (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}
