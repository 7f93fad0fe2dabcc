import { type AuditEntry, appendAudit } from '../../store/audit-repository.js';
import type { AppContext } from '../app/app-context.js';

/**
 * Records a security-relevant act (sign-ins, refused sign-ins, accounts made, identity reveals and refusals) in
 * the hash-chained audit trail. Staff actions on reports are chained in each report's own history.
 */
export function recordAudit(ctx: AppContext, entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<void> {
  return appendAudit(ctx.store.db, ctx.vault.chainSecret, { ...entry, at: entry.at ?? ctx.now() });
}
