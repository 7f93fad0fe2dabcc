import { authorize } from '../../domain/authorize.js';
import { DomainError } from '../../domain/domain-error.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { canTextReceipt } from '../channels/desk-receipt.js';
import { actorOf } from '../identity/policies.js';
import { type CreatedReport, createReport, type NewReport } from './intake.js';
import type { Upload } from './media-service.js';

/**
 * Channels a desk files for: everything but the ones citizens use by themselves (the app, the website, the API)
 * and news media, which has its own form without a citizen (media-intake.ts).
 */
const NOT_AT_DESK: readonly string[] = ['app', 'web', 'api', 'media'];

/**
 * A report filed at a desk for a citizen who came in, called, or wrote on a channel the staff transcribe: an
 * adapter over the one intake, on the channel it came by. The desk gets the citizen token to hand over; who
 * filed which ticket is audited (the desk saw the reporter's identity).
 */
export async function fileAtDesk(
  ctx: AppContext,
  user: StaffUser,
  input: NewReport & { channel: string },
  uploads: Upload[],
  idempotencyKey: string | null,
): Promise<CreatedReport & { receiptBySms: boolean }> {
  authorize(actorOf(user), 'intake.desk');
  const channel = ctx.city.city.config.channels.find((c) => c.code === input.channel);
  if (!channel || NOT_AT_DESK.includes(channel.kind)) {
    const desk = ctx.city.city.config.channels
      .filter((c) => !NOT_AT_DESK.includes(c.kind))
      .map((c) => c.code)
      .join(', ');
    throw DomainError.invalid(
      {
        id: `Kanal "${input.channel}" bukan kanal meja layanan; pilih salah satu: ${desk}`,
        en: `"${input.channel}" is not a desk channel; use one of: ${desk}`,
      },
      'invalid_channel',
    );
  }
  // a retried request under the same key answers the first answer, per desk account
  const key = idempotencyKey ? `desk:${user.id}:${idempotencyKey}` : null;
  const receiptBySms = canTextReceipt(ctx, input);
  const created = await createReport(ctx, input, uploads, null, { idempotencyKey: key, receiptBySms });
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'desk_intake',
    subject: created.ticket,
    reason: null,
    detail: { channel: input.channel, withIdentity: !!input.reporter && !input.anonymous },
  });
  return { ...created, receiptBySms };
}
