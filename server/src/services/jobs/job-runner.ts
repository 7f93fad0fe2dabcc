import PgBoss from 'pg-boss';
import { loggableError } from '../../security/loggable-error.js';
import { withoutPersonalData } from '../../security/without-personal-data.js';
import { sqlExecutor } from '../../store/job-connection.js';
import type { AppContext } from '../app/app-context.js';
import { type Attempt, jobHandlers } from './handlers.js';
import { JOB_NAMES, type JobName, QUEUE_SETTINGS, type QueueSettings } from './job-types.js';
import { OutboxRelay } from './relay.js';

export interface JobRunnerOptions {
  /** Seconds between escalation sweeps (SIGAP_ESCALATION_SWEEP_SECONDS). */
  escalationSweepSeconds: number;
  /** Seconds between sweeps of staged media (default 600). */
  stagingSweepSeconds?: number;
  /** Staged files younger than this are never swept (default 3600). */
  stagingGraceSeconds?: number;
  /** Seconds between relay passes that were not poked (default 5). */
  relaySeconds?: number;
  /** How often an idle worker asks for jobs (default 2; new jobs from this process wake it at once). */
  pollingIntervalSeconds?: number;
  /** Queue settings that differ from QUEUE_SETTINGS (tests shorten retry delays). */
  settings?: Partial<Record<JobName, Partial<QueueSettings>>>;
}

/** What the rest of the application sees of the job queue (AppContext.jobs). */
export interface Jobs {
  /** A transaction that wrote outbox rows committed: move them into the queue now. */
  poke(): void;
  /** Puts a failed job back in its queue for one more attempt. */
  retry(queue: string, id: string): Promise<void>;
}

export interface JobRunner extends Jobs {
  /** The queue itself (tests look at jobs through it). */
  readonly boss: PgBoss;
  readonly relay: OutboxRelay;
  /** Stops sending, relaying and working; waits for the jobs running in this process (up to 30 s). */
  stop(): Promise<void>;
}

/** Failed jobs stay on the dead-letter list this long before pg-boss archives them. */
const DEAD_LETTER_DAYS = 30;

/** What of a handler's error is stored with the job and shown to administrators: never row data. */
function storableError(error: unknown): Error {
  const safe = loggableError(error) as { type?: string; message?: string; code?: unknown };
  const stored = new Error(withoutPersonalData(safe.message ?? String(error)));
  stored.name = safe.type ?? 'Error';
  return stored;
}

/**
 * A failed job's error for the log: type, code and message without personal data. Not loggableError's own
 * fields: a mail library's error carries the rejected recipients and the server's answer quoting them.
 */
function jobLogError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: withoutPersonalData(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: withoutPersonalData(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: withoutPersonalData(error.stack ?? ''),
  };
}

function newBoss(ctx: AppContext, supervise: boolean, db = sqlExecutor(ctx.store.db)): PgBoss {
  const boss = new PgBoss({
    db,
    schedule: false,
    supervise,
    archiveFailedAfterSeconds: DEAD_LETTER_DAYS * 24 * 3600,
  });
  boss.on('error', (error) => ctx.log.error({ err: loggableError(error) }, 'job queue error'));
  return boss;
}

/** pg-boss started (its schema created or migrated on first use) with every queue there, as configured. */
async function openQueue(
  ctx: AppContext,
  overrides: JobRunnerOptions['settings'],
  supervise = true,
  db = sqlExecutor(ctx.store.db),
): Promise<PgBoss> {
  const boss = newBoss(ctx, supervise, db);
  await boss.start();
  for (const name of JOB_NAMES) {
    const { policy, retryLimit, retryDelay, expireInSeconds } = {
      ...QUEUE_SETTINGS[name],
      ...overrides?.[name],
    };
    const queue = { name, policy, retryLimit, retryDelay, retryBackoff: true, expireInSeconds };
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
  }
  return boss;
}

/**
 * Creates pg-boss's schema and the queues once, before a cluster's workers start: workers creating them at the
 * same moment deadlocked on PostgreSQL (each queue is a partition attached to pg-boss's job table).
 */
export async function prepareJobQueue(ctx: AppContext): Promise<void> {
  const boss = await openQueue(ctx, undefined, false);
  await boss.stop({ graceful: false, wait: true });
}

/**
 * Starts the job queue over the store's own connection pool (pg-boss's `db` option): creates pg-boss's schema
 * and the queues on first start, works every queue in this process, relays the outbox and sends the periodic
 * sweeps. Works the same on both engines; on the embedded one its statements share the one session like all
 * others (LISTEN/NOTIFY is not used: workers poll, and jobs created here wake them directly).
 */
export async function startJobs(ctx: AppContext, options: JobRunnerOptions): Promise<JobRunner> {
  const settings = (name: JobName): QueueSettings => ({
    ...QUEUE_SETTINGS[name],
    ...options.settings?.[name],
  });
  const db = sqlExecutor(ctx.store.db);
  const boss = await openQueue(ctx, options.settings, true, db);

  const handlers = jobHandlers(ctx, { stagingGraceSeconds: options.stagingGraceSeconds ?? 3600 });
  const workerIds = new Map<string, string>();
  for (const name of JOB_NAMES) {
    const handle = handlers[name] as (payload: unknown, attempt: Attempt) => Promise<void>;
    const id = await boss.work<unknown>(
      name,
      {
        includeMetadata: true,
        batchSize: settings(name).batchSize,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      async (jobs) => {
        // a full batch suggests more are waiting: fetch again right after this one instead of after the interval
        if (jobs.length === settings(name).batchSize) {
          const self = workerIds.get(name);
          if (self) boss.notifyWorker(self);
        }
        for (const job of jobs) {
          try {
            await handle(job.data, job);
          } catch (error) {
            ctx.log.warn(
              { job: name, id: job.id, attempt: job.retryCount + 1, err: jobLogError(error) },
              'job failed',
            );
            throw storableError(error);
          }
        }
      },
    );
    workerIds.set(name, id);
  }

  const relay = new OutboxRelay(
    ctx.store.db,
    JOB_NAMES,
    (tx, rows) =>
      boss.insert(
        rows.map((row) => ({ id: row.id, name: row.job, data: row.payload as object })),
        { db: sqlExecutor(tx) },
      ),
    ctx.log,
    (rows) => {
      for (const name of new Set(rows.map((r) => r.job))) {
        const worker = workerIds.get(name);
        if (worker) boss.notifyWorker(worker);
      }
    },
  );

  const send = (name: JobName) => {
    boss.send(name, {}).then(
      (id) => {
        const worker = workerIds.get(name);
        if (id && worker) boss.notifyWorker(worker);
      },
      (error: unknown) => ctx.log.error({ err: loggableError(error), job: name }, 'could not queue a job'),
    );
  };
  const every = (seconds: number, tick: () => void) => {
    const timer = setInterval(tick, seconds * 1000);
    timer.unref();
    return timer;
  };
  const timers = [
    every(options.relaySeconds ?? 5, () => relay.poke()),
    // stately queues keep one waiting: processes of a cluster sending the same tick make one sweep
    every(options.escalationSweepSeconds, () => send('escalation-sweep')),
    every(options.stagingSweepSeconds ?? 600, () => send('sweep-staging')),
  ];
  relay.poke();
  send('escalation-sweep');
  send('sweep-staging');

  return {
    boss,
    relay,
    poke: () => relay.poke(),
    retry: (queue, id) => boss.retry(queue, id),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await relay.settled();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await db.settled();
    },
  };
}
