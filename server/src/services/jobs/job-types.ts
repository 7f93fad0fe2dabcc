import { randomUUID } from 'node:crypto';
import type { OutboxItem } from '../../store/outbox-repository.js';

/**
 * The jobs that run after a commit, each with the payload it carries. Payloads hold ids and codes only, never a
 * reporter's details: they are stored in the queue's tables and shown to administrators on the dead-letter list.
 */
export interface JobPayloads {
  /** A citizen's video: the public MP4 and its poster are made from the stored original. */
  'transcode-video': { attachmentId: string };
  /** Something the citizen should hear about: recorded for the channels to deliver. */
  'notify-citizen': { reportId: string; seq: number; kind: 'received' | 'status_changed'; status: string };
  /** A desk filing's receipt texted to the phone the citizen gave (services/channels/desk-receipt.ts). */
  'desk-receipt-sms': { reportId: string };
  /** A status change pushed to the browsers following the report (Web Push): ticket and status only. */
  'push-citizen': { reportId: string; seq: number; status: string };
  /** Escalate overdue reports (services/handling/escalation.ts); one queued and one running at most. */
  'escalation-sweep': Record<string, never>;
  /** Staged media left by a stopped process: promoted when committed, removed otherwise. */
  'sweep-staging': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export interface QueueSettings {
  /** pg-boss policy: `stately` keeps at most one job queued and one running (periodic sweeps). */
  policy: 'standard' | 'stately';
  /** Retries after the first attempt; then the job is failed and on the dead-letter list. */
  retryLimit: number;
  /** Seconds before the first retry; each further retry waits about twice as long (pg-boss, with jitter). */
  retryDelay: number;
  /** A running job not finished within this time counts as failed (and is retried). */
  expireInSeconds: number;
  /** Jobs taken at once by one worker of this process (they succeed or fail together). */
  batchSize: number;
}

export const QUEUE_SETTINGS: Record<JobName, QueueSettings> = {
  'transcode-video': {
    policy: 'standard',
    retryLimit: 4,
    retryDelay: 30,
    expireInSeconds: 15 * 60,
    batchSize: 1,
  },
  'notify-citizen': {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 10,
    expireInSeconds: 5 * 60,
    batchSize: 25,
  },
  'desk-receipt-sms': {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 10,
    expireInSeconds: 5 * 60,
    batchSize: 1,
  },
  // one job a status change; a push service that fails is retried at 10 s, 20 s, 40 s… (about 40 minutes in all)
  'push-citizen': {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 10,
    expireInSeconds: 5 * 60,
    batchSize: 1,
  },
  'escalation-sweep': {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 30,
    expireInSeconds: 15 * 60,
    batchSize: 1,
  },
  'sweep-staging': {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    expireInSeconds: 15 * 60,
    batchSize: 1,
  },
};

export const JOB_NAMES = Object.keys(QUEUE_SETTINGS) as JobName[];

/** An outbox row for a job owed after the transaction that writes it commits. */
export function outboxItem<N extends JobName>(job: N, payload: JobPayloads[N], at: Date): OutboxItem {
  return { id: randomUUID(), job, payload, created_at: at };
}
