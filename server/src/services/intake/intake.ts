import { createHash, randomUUID } from 'node:crypto';
import { isConductCategory } from '../../city/conduct.js';
import { localDateString } from '../../domain/calendar.js';
import { DomainError } from '../../domain/domain-error.js';
import { evolve } from '../../domain/evolve.js';
import { validateNik } from '../../domain/nik.js';
import type { CreatedEvent } from '../../domain/report-events.js';
import { computeDeadlines } from '../../domain/sla.js';
import { formatTicket } from '../../domain/ticket.js';
import { hashToken, newToken } from '../../security/tokens.js';
import { distinctWords, signatureOf } from '../../text/index.js';
import type { ReporterIdentity } from '../../security/vault.js';
import type { NewsSource } from '../../domain/news-source.js';
import { normaliseSenderHandle } from '../../domain/sender-handle.js';
import { findInboundMessage, type InboundRow, isDuplicateInbound } from '../../store/inbound-repository.js';
import { requireLiveCitizenToken } from '../identity/citizen-tokens.js';
import { createdEventLink } from '../../store/event-chain.js';
import type { AppContext } from '../app/app-context.js';
import { attachmentRows } from './attachment-rows.js';
import { uploadSha256 } from '../../media/upload.js';
import type { Upload } from './media-service.js';
import { chooseCategory } from './choose-category.js';
import { placeReport } from './placement.js';
import { publicTextOf } from './public-text.js';
import { nextEscalation } from '../handling/schedule.js';
import { joinOpenReport, type JoinedReport } from './join-open-report.js';
import { findSimilarReports, linkRows } from './similar-reports.js';
import { answersSender, sealedInbound } from './sealed-inbound.js';
import { withStagedMedia } from './staged-media.js';
import { outboxItem } from '../jobs/job-types.js';
import type { IngestedMedia } from './media-service.js';
import type { OutboxItem } from '../../store/outbox-repository.js';

export interface NewReport {
  text: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  category?: string | null;
  private?: boolean;
  anonymous?: boolean;
  reporter?: ReporterIdentity | null;
  /** The news item the report was filed from (the media-monitoring channel; never from a public client). */
  newsSource?: NewsSource;
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
  // a token that opens nothing (expired, replaced, ended, unknown) is a 401 saying why, not a new citizen
  if (token) return { id: await requireLiveCitizenToken(ctx, token), token, isNew: false };
  return { id: randomUUID(), token: newToken('warga'), isNew: true, createdAt: now };
}

/**
 * One message from any channel, as the channel adapter hands it over. The channel is one of the city's
 * (city.json `channels`); the external id is the channel's own id for the message (a webhook's message id, an
 * HTTP Idempotency-Key), so a delivery repeated under the same id makes one message and one report.
 */
export interface InboundMessage {
  channel: string;
  /** null: the channel has no id for the message; every delivery is then a new one. */
  externalId: string | null;
  /** How the channel knows the sender (a phone number, an e-mail address, a handle), if it does. */
  sender: { kind: 'phone' | 'email' | 'handle'; value: string } | null;
  /**
   * The payload as the channel delivered it (a webhook body, a MIME message), stored sealed and never logged;
   * null where the message is the report itself (the REST API), which is stored as the report already.
   */
  raw: unknown;
  report: NewReport;
  uploads: Upload[];
  /** A citizen token that came with the message: the report joins that citizen's list. */
  citizenToken: string | null;
  /** `new`: the sender asked for a new report (a channel keyword); otherwise it may join their open one. */
  intent?: 'new';
  /**
   * A report the message names (a ticket in its text, the e-mail thread it replies in): it joins that report when
   * the same sender filed it and it still waits; otherwise it is a new report (services/intake/join-open-report.ts).
   */
  joinTicket?: string;
  /** A desk filing whose receipt is texted to the phone the citizen gave (services/channels/desk-receipt.ts). */
  receiptBySms?: boolean;
}

const IDEMPOTENCY_CONFLICT = new DomainError(422, 'idempotency_key_reused', {
  id: 'Kunci idempoten ini sudah dipakai untuk permintaan lain; gunakan kunci baru untuk laporan baru',
  en: 'This idempotency key was already used for another request; use a new key for a new report',
});

/** What identifies a request apart from its id: the channel, what it asks for and the files it carries. */
function requestHashOf(inbound: InboundMessage): string {
  const hash = createHash('sha256')
    .update(inbound.channel)
    .update('\n')
    .update(JSON.stringify(inbound.report));
  for (const upload of inbound.uploads) hash.update('\n').update(Buffer.from(uploadSha256(upload), 'hex'));
  return hash.digest('hex');
}

/** The first answer to a message delivered again, or a 422 when the id now comes with another request. */
function replay(ctx: AppContext, earlier: InboundRow, requestHash: string): CreatedReport | JoinedReport {
  if (earlier.request_hash !== requestHash || !earlier.sealed) throw IDEMPOTENCY_CONFLICT;
  const { answer } = ctx.vault.openValue(earlier.sealed) as { answer: CreatedReport | JoinedReport };
  return answer;
}

function senderKeyOf(ctx: AppContext, inbound: InboundMessage): string | null {
  if (!inbound.sender) return null;
  const handle = normaliseSenderHandle(inbound.sender.kind, inbound.sender.value, inbound.channel);
  return handle ? ctx.vault.senderKeyOf(handle) : null;
}

/**
 * What a new report leaves to do after its commit: transcode its videos; tell a sender who cannot see the HTTP
 * answer (an SMS, an e-mail) that the report was received. An app or API client got the ticket in the answer.
 */
function owedAfterIntake(
  media: IngestedMedia[],
  reportId: string,
  answers: boolean,
  status: string,
  now: Date,
  receiptBySms: boolean,
): OutboxItem[] {
  const owed = media
    .filter((m) => m.processing === 'pending')
    .map((m) => outboxItem('transcode-video', { attachmentId: m.id }, now));
  if (answers) owed.push(outboxItem('notify-citizen', { reportId, seq: 1, kind: 'received', status }, now));
  if (receiptBySms) owed.push(outboxItem('desk-receipt-sms', { reportId }, now));
  return owed;
}

/**
 * The one way in for every channel: the message is stored (sealed) together with the report it creates, in
 * one statement; the same channel and external id again answers what the first delivery was answered.
 */
export async function submit(
  ctx: AppContext,
  inbound: InboundMessage,
): Promise<CreatedReport | JoinedReport> {
  const channel = ctx.city.city.config.channels.find((c) => c.code === inbound.channel);
  if (!channel)
    throw DomainError.invalid({
      id: `Kanal "${inbound.channel}" tidak dikenal`,
      en: `Unknown channel "${inbound.channel}"`,
    });
  const { externalId } = inbound;
  const senderKey = senderKeyOf(ctx, inbound);
  const fileOrJoin = async (requestHash: string | null) =>
    (await joinOpenReport(ctx, inbound, channel.kind, senderKey, requestHash)) ??
    fileNewReport(ctx, inbound, requestHash);
  if (externalId === null) return fileOrJoin(null);
  const requestHash = requestHashOf(inbound);
  const earlier = await findInboundMessage(ctx.store.db, inbound.channel, externalId);
  if (earlier) return replay(ctx, earlier, requestHash);
  try {
    return await fileOrJoin(requestHash);
  } catch (error) {
    // the same message, delivered twice at once: the other delivery stored it first (or, joining the same report,
    // changed it first)
    const concurrent = error instanceof DomainError && error.code === 'concurrent_change';
    if (!isDuplicateInbound(error) && !concurrent) throw error;
    const winner = await findInboundMessage(ctx.store.db, inbound.channel, externalId);
    if (!winner) throw error;
    return replay(ctx, winner, requestHash);
  }
}

/** A citizen's report enters: it is placed, routed, given a ticket and a clock, and stored with its first event. */
async function fileNewReport(
  ctx: AppContext,
  inbound: InboundMessage,
  requestHash: string | null,
): Promise<CreatedReport> {
  const { report: input, uploads, citizenToken } = inbound;
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
  const stored = await withStagedMedia(ctx, uploads, {}, async (media) => {
    // Everything a caller can get wrong has been checked: the duplicate lookup and the ticket serial go out
    // together, so the report waits for one round trip instead of two (a serial is lost only if the database fails).
    const words = distinctWords(text);
    const localDay = localDateString(now, ctx.city.calendar);
    const [similar, serial] = await Promise.all([
      findSimilarReports(
        ctx.store,
        ctx.city.city.config.duplicates,
        {
          category,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          kelurahanCode: place.kelurahanCode,
          words,
        },
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
        channel: inbound.channel,
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
    if (input.newsSource) event.newsSource = input.newsSource;
    const draft = evolve(null, event);
    event.schedule.nextEscalationAt = nextEscalation(ctx.city, draft);
    const state = { ...draft, nextEscalationAt: event.schedule.nextEscalationAt };

    const answer: CreatedReport = { ticket, status: state.status, citizenToken: citizen.token };
    const channelKind = ctx.city.city.config.channels.find((c) => c.code === inbound.channel)?.kind ?? '';
    const kept = sealedInbound(inbound, answer, channelKind);
    const outbox = owedAfterIntake(
      media,
      id,
      answersSender(inbound, channelKind),
      state.status,
      now,
      !!inbound.receiptBySms && !!reporter?.phone,
    );
    await ctx.store.newReports.submit({
      state,
      event,
      eventHash: createdEventLink(ctx.vault.chainSecret, state, event),
      words: signatureOf(words),
      publicText: publicTextOf(text, reporter),
      citizen: citizen.isNew
        ? { id: citizen.id, token_hash: hashToken(citizen.token), created_at: now }
        : null,
      identity:
        reporter && identityId
          ? { id: identityId, sealed: ctx.vault.seal(reporter), key_id: ctx.vault.keyId, created_at: now }
          : null,
      inbound: {
        id: randomUUID(),
        channel: inbound.channel,
        external_id: inbound.externalId,
        request_hash: requestHash,
        sender_key: senderKeyOf(ctx, inbound),
        report_id: id,
        // the first answer is kept for a delivery that may come again (it has an id); the payload when it is more
        // than the report; the sender's handle, so the channel can answer them (services/channels/deliver.ts)
        sealed: kept ? ctx.vault.sealValue(kept) : null,
        key_id: kept ? ctx.vault.keyId : null,
        received_at: now,
      },
      attachments: attachmentRows(media, id, 'report', `citizen:${citizen.id}`, now),
      similar: linkRows(id, similar, now),
      outbox,
    });
    ctx.log.info(
      { ticket, category, unit: state.assignedUnitId, channel: inbound.channel },
      'report created',
    );
    return { answer, owed: outbox.length > 0 };
  });
  // after the files are readable: a job may need them (the transcoding of a video)
  if (stored.owed) ctx.jobs?.poke();
  return stored.answer;
}

/**
 * A report handed over directly (the REST API, the demo, tests): a message of `channel` (default `api`). It is a
 * whole report, so it never joins an open one.
 */
export async function createReport(
  ctx: AppContext,
  input: NewReport & { channel?: string },
  uploads: Upload[],
  citizenToken: string | null,
  options: { idempotencyKey?: string | null; receiptBySms?: boolean } = {},
): Promise<CreatedReport> {
  const { channel, ...report } = input;
  const contact = report.anonymous ? null : (report.reporter?.phone ?? report.reporter?.email ?? null);
  const answer = await submit(ctx, {
    intent: 'new',
    channel: channel ?? 'api',
    externalId: options.idempotencyKey ?? null,
    sender: contact ? { kind: report.reporter?.phone ? 'phone' : 'email', value: contact } : null,
    // the request is the report: stored as the report and its sealed identity, not a second time
    raw: null,
    report,
    uploads,
    citizenToken,
    ...(options.receiptBySms ? { receiptBySms: true } : {}),
  });
  if (!('citizenToken' in answer)) throw new Error('a whole report was joined to another');
  return answer;
}

/** The channels a client of the public API may name: its own app, the website, the API itself. */
const PUBLIC_API_KINDS: readonly string[] = ['app', 'web', 'api'];

/** A channel the public API may claim (an SMS or a walk-in arrives through its own adapter, never by a claim). */
export function checkPublicApiChannel(ctx: AppContext, code: string | undefined): void {
  if (code === undefined) return;
  const channel = ctx.city.city.config.channels.find((c) => c.code === code);
  if (!channel || !PUBLIC_API_KINDS.includes(channel.kind))
    throw DomainError.invalid(
      {
        id: `Kanal "${code}" tidak dapat dipakai lewat API ini; pilih salah satu: ${publicChannels(ctx)}`,
        en: `Channel "${code}" cannot be used through this API; use one of: ${publicChannels(ctx)}`,
      },
      'invalid_channel',
    );
}

const publicChannels = (ctx: AppContext) =>
  ctx.city.city.config.channels
    .filter((c) => PUBLIC_API_KINDS.includes(c.kind))
    .map((c) => c.code)
    .join(', ');
