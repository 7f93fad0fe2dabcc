import { randomUUID } from 'node:crypto';
import { type Action, authorize, can, type Resource } from '../../domain/authorize.js';
import { DomainError } from '../../domain/domain-error.js';
import {
  checkDecidable,
  checkReason,
  checkRefusalNote,
  checkRequestAllowance,
  checkViewable,
  standingOf,
  viewUntilOf,
} from '../../domain/reveal-request.js';
import { appendAudit } from '../../store/audit-repository.js';
import { findSealedIdentity, type StaffUser } from '../../store/people-repository.js';
import { listEvents } from '../../store/report-repository.js';
import {
  decideRevealRequest,
  findRevealRequest,
  insertRevealRequest,
  listRevealRequests,
  markRevealViewed,
  requestTimesSince,
  type RevealRequestWithTicket,
} from '../../store/reveal-request-repository.js';
import type { AppContext } from '../app/app-context.js';
import { recordAudit } from '../audit/record.js';
import { loadReport } from '../handling/actions.js';
import { actorOf, staffReportResource } from './policies.js';
import { revealRulesOf } from './reveal-rules.js';
import { revealRequestView, type RevealRequestViewT, revealStateOf } from './reveal-view.js';

/**
 * The only way a reporter's identity leaves the vault, under dual control (domain/reveal-request.ts): someone
 * with a part in the report asks, with a reason; the city's designated official (in Jakarta the head of UP
 * Jakarta Smart City), never the one who asked, approves or refuses; the one who asked may then see it for a
 * short time. Every request, decision, view and refusal is in the audit trail before the answer is sent.
 */
const DAY = 86_400_000;

const REQUEST_NOT_FOUND = DomainError.notFound({
  id: 'Permintaan buka identitas tidak ditemukan',
  en: 'Identity request not found',
});

/** Records a refusal in the audit trail, then throws it. */
async function refuse(
  ctx: AppContext,
  user: StaffUser,
  subject: string,
  step: 'request' | 'decide' | 'view',
  error: DomainError,
  reason: string | null = null,
): Promise<never> {
  await recordAudit(ctx, {
    actorId: user.id,
    action: 'identity_reveal_refused',
    subject,
    reason,
    detail: { step, role: user.role, code: error.code },
  });
  throw error;
}

/** authorize(), with its refusal recorded in the audit trail. */
async function checkAllowed(
  ctx: AppContext,
  user: StaffUser,
  action: Action,
  subject: string,
  resource: Resource,
  step: 'request' | 'decide' | 'view',
): Promise<void> {
  try {
    authorize(actorOf(user), action, resource);
  } catch (error) {
    if (error instanceof DomainError) await refuse(ctx, user, subject, step, error);
    throw error;
  }
}

async function loadRequest(ctx: AppContext, id: string): Promise<RevealRequestWithTicket> {
  const row = await findRevealRequest(ctx.store.db, id);
  if (!row) throw REQUEST_NOT_FOUND;
  return row;
}

/** Someone with a part in the report asks to see its reporter. */
export async function requestReveal(
  ctx: AppContext,
  user: StaffUser,
  ticket: string,
  reason: string,
): Promise<RevealRequestViewT> {
  const report = await loadReport(ctx, ticket);
  const resource = staffReportResource(ctx, report, await listEvents(ctx.store.db, report.id));
  // a stranger to the report learns nothing of it, not even that it exists (a 404)
  await checkAllowed(ctx, user, 'report.read', ticket, resource, 'request');
  await checkAllowed(ctx, user, 'report.request_reveal', ticket, resource, 'request');
  const why = checkReason(reason);
  const now = ctx.now();
  const rules = revealRulesOf(ctx);
  const waiting = (
    await listRevealRequests(ctx.store.db, { requestedBy: user.id, reportId: report.id }, 10)
  ).find((r) => standingOf(revealStateOf(r), now, rules) === 'menunggu');
  if (waiting)
    throw DomainError.conflict(
      {
        id: 'Anda sudah punya permintaan yang menunggu keputusan untuk laporan ini',
        en: 'You already have a request waiting for a decision on this report',
      },
      'reveal_already_requested',
    );
  try {
    checkRequestAllowance(
      await requestTimesSince(ctx.store.db, user.id, new Date(now.getTime() - DAY)),
      now,
      rules,
    );
  } catch (error) {
    if (error instanceof DomainError) await refuse(ctx, user, ticket, 'request', error, why);
    throw error;
  }
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    await insertRevealRequest(tx, {
      id,
      report_id: report.id,
      requested_by: user.id,
      requester_unit_id: user.unitId,
      reason: why,
      requested_at: now,
    });
    await appendAudit(tx, ctx.vault.chainSecret, {
      at: now,
      actorId: user.id,
      action: 'reveal_requested',
      subject: ticket,
      reason: why,
      detail: { requestId: id, unitId: user.unitId },
    });
  });
  return revealRequestView(ctx, await loadRequest(ctx, id), user);
}

/** The designated official approves or refuses someone else's request. */
export async function decideReveal(
  ctx: AppContext,
  user: StaffUser,
  requestId: string,
  decision: { approve: boolean; note?: string | null },
): Promise<RevealRequestViewT> {
  const row = await loadRequest(ctx, requestId);
  await checkAllowed(
    ctx,
    user,
    'reveal.decide',
    row.ticket,
    { revealRequestedBy: row.requested_by },
    'decide',
  );
  const now = ctx.now();
  const rules = revealRulesOf(ctx);
  checkDecidable(revealStateOf(row), now, rules);
  const note = decision.approve ? decision.note?.trim() || null : checkRefusalNote(decision.note);
  const decided = await ctx.store.db.transaction().execute(async (tx) => {
    const won = await decideRevealRequest(tx, requestId, {
      status: decision.approve ? 'disetujui' : 'ditolak',
      decided_by: user.id,
      decided_at: now,
      decision_note: note,
      view_until: decision.approve ? viewUntilOf(now, rules) : null,
    });
    if (!won) return false;
    await appendAudit(tx, ctx.vault.chainSecret, {
      at: now,
      actorId: user.id,
      action: decision.approve ? 'reveal_approved' : 'reveal_refused',
      subject: row.ticket,
      reason: note,
      detail: { requestId, requestedBy: row.requested_by },
    });
    return true;
  });
  if (!decided) checkDecidable(revealStateOf(await loadRequest(ctx, requestId)), now, rules);
  return revealRequestView(ctx, await loadRequest(ctx, requestId), user);
}

/** The one who asked sees the reporter, under an approval whose time has not run out. Each view is audited. */
export async function viewRevealedIdentity(ctx: AppContext, user: StaffUser, requestId: string) {
  const row = await loadRequest(ctx, requestId);
  const report = await loadReport(ctx, row.ticket);
  await checkAllowed(ctx, user, 'reveal.view', row.ticket, { revealRequestedBy: row.requested_by }, 'view');
  const now = ctx.now();
  try {
    checkViewable(revealStateOf(row), now, revealRulesOf(ctx));
  } catch (error) {
    if (error instanceof DomainError) await refuse(ctx, user, row.ticket, 'view', error);
    throw error;
  }
  const sealed = report.identityId ? await findSealedIdentity(ctx.store.db, report.identityId) : null;
  // opened before the audit entry is written, so a vault that cannot open it leaves no "revealed" entry
  const identity = sealed ? ctx.vault.open(sealed) : null;
  await ctx.store.db.transaction().execute(async (tx) => {
    await markRevealViewed(tx, requestId, now);
    await appendAudit(tx, ctx.vault.chainSecret, {
      at: now,
      actorId: user.id,
      action: 'identity_revealed',
      subject: row.ticket,
      reason: row.reason,
      detail: { requestId, approvedBy: row.decided_by, hadIdentity: identity !== null },
    });
  });
  return {
    ticket: row.ticket,
    anonymous: report.isAnonymous,
    identity,
    viewUntil: new Date(row.view_until!).toISOString(),
  };
}

/**
 * The requests a person may follow: the designated official sees every request (those waiting first, to
 * decide); everyone else sees their own.
 */
export async function listRevealRequestsFor(
  ctx: AppContext,
  user: StaffUser,
  query: { waiting?: boolean; limit?: number },
): Promise<{ items: RevealRequestViewT[] }> {
  const decides = can(actorOf(user), 'reveal.decide');
  const now = ctx.now();
  const rules = revealRulesOf(ctx);
  const rows = await listRevealRequests(
    ctx.store.db,
    { waitingOnly: query.waiting, requestedBy: decides ? undefined : user.id },
    query.limit ?? 50,
  );
  const shown = query.waiting
    ? rows.filter((r) => standingOf(revealStateOf(r), now, rules) === 'menunggu')
    : rows;
  return { items: await Promise.all(shown.map((r) => revealRequestView(ctx, r, user))) };
}
