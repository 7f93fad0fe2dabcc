import { DomainError } from '../../domain/domain-error.js';
import { findSealedIdentity, type StaffUser } from '../../store/people-repository.js';
import { recordAudit } from '../audit/record.js';
import { loadReport } from '../handling/actions.js';
import type { AppContext } from '../app/app-context.js';
import { can, POLICIES } from '../../domain/authorize.js';
import { actorOf } from './policies.js';

/**
 * The only way a reporter's identity leaves the vault: a reveal by the city's authorised official (in Jakarta the
 * head of UP Jakarta Smart City), with a written reason, recorded in the audit log before the answer is sent.
 */
export async function revealIdentity(ctx: AppContext, user: StaffUser, ticket: string, reason: string) {
  if (!can(actorOf(user), 'report.reveal_identity')) {
    await recordAudit(ctx, {
      actorId: user.id,
      action: 'identity_reveal_refused',
      subject: ticket,
      reason: reason.trim() || null,
      detail: { role: user.role },
    });
    throw POLICIES['report.reveal_identity'].denied();
  }
  if (reason.trim().length < 20)
    throw DomainError.invalid({
      id: 'Tuliskan alasan pembukaan identitas (minimal 20 karakter)',
      en: 'Write the reason for the reveal (at least 20 characters)',
    });
  const report = await loadReport(ctx, ticket);
  const sealed = report.identityId ? await findSealedIdentity(ctx.store.db, report.identityId) : null;
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'identity_revealed',
    subject: ticket,
    reason: reason.trim(),
    detail: { hadIdentity: !!sealed },
  });
  return { ticket, anonymous: report.isAnonymous, identity: sealed ? ctx.vault.open(sealed) : null };
}
