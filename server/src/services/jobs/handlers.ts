import { randomUUID } from 'node:crypto';
import {
  existingAttachmentIds,
  findAttachment,
  markAttachmentFailed,
  markAttachmentReady,
} from '../../store/attachment-repository.js';
import { recordCitizenNotification } from '../../store/notification-repository.js';
import type { AppContext } from '../app/app-context.js';
import { escalateOverdue } from '../handling/escalation.js';
import { deliverNotification } from '../channels/deliver.js';
import { pushStatusChange } from '../channels/push.js';
import { textDeskReceipt } from '../channels/desk-receipt.js';
import type { JobName, JobPayloads } from './job-types.js';

/** Which attempt this is: the last one when `retryCount` has reached `retryLimit`. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

export interface HandlerOptions {
  /** Staged files younger than this are left alone: their intake may still be running. */
  stagingGraceSeconds: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], attempt: Attempt) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * What each job does. Every handler may run more than once for the same job (a retry after a crash, an
 * administrator's retry), so each checks or keys its effect: a video already transcoded is left alone, a
 * notification is recorded once per report event, an escalation is an event guarded by the event count.
 */
export function jobHandlers(ctx: AppContext, options: HandlerOptions): JobHandlers {
  return {
    async 'transcode-video'({ attachmentId }, attempt) {
      const attachment = await findAttachment(ctx.store.db, attachmentId);
      if (!attachment || attachment.processing === null) return;
      try {
        const video = await ctx.media.transcode({
          originalKey: attachment.original_key,
          publicKey: attachment.public_key,
          thumbKey: attachment.thumb_key,
        });
        await markAttachmentReady(ctx.store.db, attachmentId, video);
      } catch (error) {
        // out of retries: the attachment says so (views show it as failed, not as a broken player)
        if (attempt.retryCount >= attempt.retryLimit) await markAttachmentFailed(ctx.store.db, attachmentId);
        throw error;
      }
    },

    async 'notify-citizen'(payload) {
      const { reportId, seq, kind, status } = payload;
      await recordCitizenNotification(ctx.store.db, {
        id: randomUUID(),
        report_id: reportId,
        event_seq: seq,
        kind,
        status,
        created_at: ctx.now(),
        delivered_at: null,
      });
      // on the channel the citizen used, when it can answer; a failed send throws, and the job is retried
      await deliverNotification(ctx, payload);
    },

    async 'desk-receipt-sms'({ reportId }) {
      // at least once: a crash between the gateway's acceptance and the job's end may send it twice
      await textDeskReceipt(ctx, reportId);
    },

    async 'push-citizen'(payload) {
      // to every browser following the report; a browser already sent this event is skipped on a retry
      await pushStatusChange(ctx, payload);
    },

    async 'escalation-sweep'() {
      const escalated = await escalateOverdue(ctx);
      if (escalated) ctx.log.info({ escalated }, 'overdue reports escalated');
    },

    async 'sweep-staging'() {
      // file times are the machine's, not the application clock's
      const before = new Date(Date.now() - options.stagingGraceSeconds * 1000);
      const swept = await ctx.media.sweepStaging((ids) => existingAttachmentIds(ctx.store.db, ids), before);
      if (swept.promoted || swept.removed) ctx.log.info(swept, 'staged media swept');
      const uploads = await ctx.media.sweepUploads(before);
      if (uploads) ctx.log.info({ uploads }, 'upload folders of stopped requests removed');
      const leftovers = await ctx.media.sweepLeftovers(before);
      if (leftovers.temporaries || leftovers.workFolders)
        ctx.log.info(
          leftovers,
          'unfinished media writes and ffmpeg work folders of stopped processes removed',
        );
    },
  };
}
