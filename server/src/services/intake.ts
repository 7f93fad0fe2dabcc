import { randomUUID } from 'node:crypto';
import { isConductCategory } from '../city/conduct.js';
import { localDateString } from '../domain/calendar.js';
import { DomainError } from '../domain/domain-error.js';
import { evolve } from '../domain/evolve.js';
import { validateNik } from '../domain/nik.js';
import type { CreatedEvent } from '../domain/report-events.js';
import { computeDeadlines } from '../domain/sla.js';
import { formatTicket } from '../domain/ticket.js';
import { hashToken, newToken } from '../security/tokens.js';
import { distinctWords, signatureOf } from '../text/index.js';
import type { ReporterIdentity } from '../security/vault.js';
import { findCitizenByTokenHash } from '../store/people-repository.js';
import type { AppContext } from './app-context.js';
import { attachmentRows } from './attachment-rows.js';
import type { Upload } from './media-service.js';
import { chooseCategory } from './choose-category.js';
import { placeReport } from './placement.js';
import { nextEscalation } from './schedule.js';
import { findSimilarReports, linkRows } from './similar-reports.js';

export interface NewReport {
  text: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  category?: string | null;
  private?: boolean;
  anonymous?: boolean;
  channel?: string;
  reporter?: ReporterIdentity | null;
}

export interface CreatedReport {
  ticket: string;
  status: string;
  citizenToken: string;
}

function hasIdentity(r: ReporterIdentity | null | undefined): r is ReporterIdentity {
  return !!r && Object.values(r).some((v) => typeof v === 'string' && v.trim() !== '');
}

function checkReporter(input: NewReport): ReporterIdentity | null {
  const reporter = input.reporter;
  if (input.anonymous) {
    if (hasIdentity(reporter))
      throw DomainError.invalid({
        id: 'Laporan anonim tidak boleh menyertakan identitas pelapor; kosongkan identitas atau matikan anonim',
        en: 'An anonymous report must not carry the reporter’s identity; remove it or turn anonymous off',
      });
    return null;
  }
  if (!hasIdentity(reporter)) return null;
  if (reporter.nik) {
    const nik = validateNik(reporter.nik);
    if (!nik.ok) throw DomainError.invalid(nik.reason, 'invalid_nik');
  }
  return reporter;
}

async function citizenFor(ctx: AppContext, token: string | null, now: Date) {
  if (token) {
    const id = await findCitizenByTokenHash(ctx.store.db, hashToken(token));
    if (!id)
      throw new DomainError(401, 'unknown_citizen', {
        id: 'Token warga tidak dikenal',
        en: 'Unknown citizen token',
      });
    return { id, token, isNew: false };
  }
  return { id: randomUUID(), token: newToken('warga'), isNew: true, createdAt: now };
}

/** A citizen's report enters: it is placed, routed, given a ticket and a clock, and stored with its first event. */
export async function createReport(
  ctx: AppContext,
  input: NewReport,
  uploads: Upload[],
  citizenToken: string | null,
): Promise<CreatedReport> {
  const now = ctx.now();
  const text = input.text.trim();
  if (!text) throw DomainError.invalid({ id: 'Isi laporan wajib diisi', en: 'The report text is required' });
  const { category, auto, explanation } = chooseCategory(ctx, input.category, text);
  const reporter = checkReporter(input);
  // An unsure model whose best guess is a complaint about officials never sends it to the local office.
  const suspectedConduct =
    !!auto && !auto.sure && isConductCategory(ctx.city.city, auto.top3[0]?.category ?? '');
  const place = placeReport(ctx.city, category, { ...input, text }, { suspectedConduct });
  const citizen = await citizenFor(ctx, citizenToken, now);
  const media = await ctx.media.ingest(uploads);

  // Everything a caller can get wrong has been checked: the duplicate lookup and the ticket serial go out
  // together, so the report waits for one round trip instead of two (a serial is lost only if the database fails).
  const words = distinctWords(text);
  const localDay = localDateString(now, ctx.city.calendar);
  const [similar, serial] = await Promise.all([
    findSimilarReports(
      ctx.store,
      ctx.city.city.config.duplicates,
      { category, lat: input.lat ?? null, lng: input.lng ?? null, kelurahanCode: place.kelurahanCode, words },
      now,
    ),
    ctx.store.serials.next(localDay),
  ]);
  const ticket = formatTicket(ctx.city.city.config.ticketPrefix, localDay, serial);
  const id = randomUUID();
  const identityId = reporter ? randomUUID() : null;
  const policy = ctx.city.slaPolicy(category);
  const event: CreatedEvent = {
    type: 'created',
    at: now,
    actor: { kind: 'citizen', id: citizen.id, unitId: null },
    report: {
      id,
      ticket,
      categoryCode: category,
      text,
      address: input.address?.trim() || null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      kelurahanCode: place.kelurahanCode,
      channel: input.channel ?? 'api',
      isPrivate: input.private ?? true,
      isAnonymous: input.anonymous ?? false,
      citizenId: citizen.id,
      identityId,
      assignedUnitId: place.assignedUnitId,
      suggestedUnitId: place.suggestedUnitId,
      slaClock: policy.clock,
    },
    routing: { rule: `${explanation}; ${place.rule}`, mode: place.mode },
    schedule: computeDeadlines(now, policy, ctx.city.calendar),
  };
  if (auto) event.classification = auto;
  if (similar.length) event.similar = similar;
  const draft = evolve(null, event);
  event.schedule.nextEscalationAt = nextEscalation(ctx.city, draft);
  const state = { ...draft, nextEscalationAt: event.schedule.nextEscalationAt };

  await ctx.store.newReports.submit({
    state,
    event,
    words: signatureOf(words),
    citizen: citizen.isNew ? { id: citizen.id, token_hash: hashToken(citizen.token), created_at: now } : null,
    identity:
      reporter && identityId
        ? { id: identityId, sealed: ctx.vault.seal(reporter), key_id: ctx.vault.keyId, created_at: now }
        : null,
    attachments: attachmentRows(media, id, 'report', `citizen:${citizen.id}`, now),
    similar: linkRows(id, similar, now),
  });
  ctx.log.info({ ticket, category, unit: state.assignedUnitId }, 'report created');
  return { ticket, status: state.status, citizenToken: citizen.token };
}
