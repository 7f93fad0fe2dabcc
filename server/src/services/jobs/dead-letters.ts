import { authorize } from '../../domain/authorize.js';
import { DomainError } from '../../domain/domain-error.js';
import { decodeCursor, encodeCursor } from '../../store/keyset.js';
import { failedJobQueue, type FailedJobRow, listFailedJobs } from '../../store/job-queries.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { actorOf } from '../identity/policies.js';
import { jobErrorWords, withoutPersonalData } from './job-error-words.js';
import { JOB_NAMES, type JobName } from './job-types.js';

/**
 * The dead-letter list: jobs that failed every attempt (pg-boss keeps them in state `failed` for 30 days, see
 * job-runner.ts). Administrators only. What is shown is the queue, the payload (ids and codes, never a reporter's
 * details), the number of attempts, what went wrong in plain words, and the error's message with anything that
 * could name a person taken out (never the row data a database error can quote).
 */

export const JOB_NOT_FOUND = new DomainError(404, 'job_not_found', {
  id: 'Pekerjaan gagal dengan id ini tidak ditemukan (mungkin sudah diulang atau diarsipkan)',
  en: 'No failed job with this id (it may have been retried or archived already)',
});

// `sigap start` always runs the queue; only a process without it (a test, a tool) answers this
export const QUEUE_NOT_RUNNING = new DomainError(409, 'jobs_not_running', {
  id: 'Antrean pekerjaan tidak berjalan di proses ini; coba lagi nanti',
  en: 'The job queue is not running in this process; try again later',
});

function requireAdmin(user: StaffUser): void {
  authorize(actorOf(user), 'jobs.manage');
}

function errorMessage(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output) {
    const message = (output as { message: unknown }).message;
    if (typeof message === 'string') return withoutPersonalData(message.slice(0, 500));
  }
  return null;
}

function failedJobView(row: FailedJobRow) {
  const queue = row.name as JobName;
  const error = errorMessage(row.output);
  return {
    id: row.id,
    queue,
    payload: (row.data ?? {}) as Record<string, string | number | boolean>,
    attempts: row.retry_count + 1,
    reason: jobErrorWords(queue, error),
    error,
    createdAt: row.created_on,
    failedAt: row.completed_on,
  };
}

export async function listDeadLetters(
  ctx: AppContext,
  user: StaffUser,
  page: { cursor?: string; limit?: number },
) {
  requireAdmin(user);
  const limit = page.limit ?? 20;
  const cursor = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await listFailedJobs(ctx.store.db, JOB_NAMES, {
    limit: limit + 1,
    after: cursor && { at: cursor.createdAt, id: cursor.id },
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(failedJobView),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.completed_on, id: last.id }) : null,
  };
}

/** Puts a failed job back in its queue for one more attempt. */
export async function retryDeadLetter(ctx: AppContext, user: StaffUser, id: string) {
  requireAdmin(user);
  const queue = await failedJobQueue(ctx.store.db, JOB_NAMES, id);
  if (!queue) throw JOB_NOT_FOUND;
  if (!ctx.jobs) throw QUEUE_NOT_RUNNING;
  await ctx.jobs.retry(queue, id);
  return { id, queue: queue as JobName, state: 'retry' as const };
}
