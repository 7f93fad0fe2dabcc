import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { configFromEnv } from '../../../src/config.js';
import { hashToken } from '../../../src/security/tokens.js';
import { bootContext } from '../../../src/services/app/boot.js';
import { verifyHistory } from '../../../src/services/audit/verify.js';
import { filesUnder, type KillRoundsRecord } from './kill-rounds.js';
import type { PhotoSet } from './requests.js';

export interface DurabilityFigures {
  acknowledged: number;
  /** acknowledged tickets found with their text, category, place, reporter and photos as sent */
  found: number;
  /** acknowledged tickets not in the database */
  lost: number;
  /**
   * reports (acknowledged or not) that are there only in part: a field not as sent, no created event, a missing
   * citizen, identity or inbound message, an attachment whose files are missing or whose bytes differ from
   * its hash, a history the chain check refuses
   */
  halfWritten: number;
  /** reports stored although their answer never arrived (cut off by a kill): allowed, and checked like the rest */
  storedUnacknowledged: number;
  /** staged files and media files no attachment names, after the last restart's sweeps */
  leftBehind: number;
  /**
   * Garbage of work a kill cut off, which nothing sweeps yet (DECISIONS.md, "Durability as a test"): `.tmp` files
   * of file writes, and ffmpeg's work folders in `<data>/tmp` (a copy of the video it was checking). Not data:
   * counted apart.
   */
  cutOffGarbage: number;
  /** outbox rows naming a report or attachment that does not exist */
  orphanedOutbox: number;
  /** videos whose transcoding was still to do when the server stopped (their job is queued), and given up */
  videosPending: number;
  videosFailed: number;
  /** videos waiting for a transcoding that no outbox row and no pg-boss job will ever do: stuck for good */
  videosStuck: number;
  /** problems `sigap audit verify` reports */
  historyProblems: number;
  /** one line per problem found, for the report (the first ones) */
  problems: string[];
}

interface InspectOptions {
  databaseUrl: string | null;
  dataDir: string;
  photos: PhotoSet;
  record: KillRoundsRecord;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const payloadOf = (payload: unknown): unknown =>
  typeof payload === 'string' ? JSON.parse(payload) : payload;

/**
 * After the kill rounds, with the server stopped: every acknowledged ticket must be there as it was sent, and no
 * report (acknowledged or not) may be there only in part. Reads the database and the media folder directly.
 */
export async function inspectDurability(options: InspectOptions): Promise<DurabilityFigures> {
  const config = configFromEnv({
    SIGAP_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    LOG_LEVEL: 'silent',
  });
  const ctx = await bootContext(config, undefined, { classifier: false, syncCity: false });
  const problems: string[] = [];
  const halfWritten = new Set<string>();
  const broken = (ticket: string, what: string) => {
    halfWritten.add(ticket);
    problems.push(`${ticket}: ${what}`);
  };
  try {
    const db = ctx.store.db;
    const reports = await db
      .selectFrom('report')
      .select([
        'id',
        'ticket',
        'text',
        'category_code',
        'lat',
        'lng',
        'is_private',
        'citizen_id',
        'identity_id',
      ])
      .execute();
    const created = new Set(
      (
        await db
          .selectFrom('report_event')
          .select('report_id')
          .where('seq', '=', 1)
          .where('type', '=', 'created')
          .execute()
      ).map((r) => r.report_id),
    );
    const citizens = new Map(
      (await db.selectFrom('citizen').select(['id', 'token_hash']).execute()).map((c) => [
        c.id,
        c.token_hash,
      ]),
    );
    const identities = new Map(
      (await db.selectFrom('reporter_identity').select(['id', 'sealed']).execute()).map((i) => [
        i.id,
        i.sealed,
      ]),
    );
    const inbound = await db.selectFrom('inbound_message').select(['report_id', 'external_id']).execute();
    const inboundOf = new Map(inbound.map((m) => [m.report_id, m.external_id]));
    const attachments = await db
      .selectFrom('attachment')
      .select([
        'id',
        'report_id',
        'kind',
        'original_key',
        'public_key',
        'thumb_key',
        'sha256',
        'bytes',
        'processing',
      ])
      .execute();
    const attachmentsOf = new Map<string, typeof attachments>();
    for (const a of attachments)
      attachmentsOf.set(a.report_id, [...(attachmentsOf.get(a.report_id) ?? []), a]);
    const byTicket = new Map(reports.map((r) => [r.ticket, r]));
    const ticketOf = new Map(reports.map((r) => [r.id, r.ticket]));
    const reportIds = new Set(reports.map((r) => r.id));

    // every report, acknowledged or not: whole or not at all
    const mediaRoot = path.join(options.dataDir, 'media');
    const named = new Set<string>();
    for (const report of reports) {
      if (!created.has(report.id)) broken(report.ticket, 'no created event');
      if (!report.citizen_id || !citizens.has(report.citizen_id)) broken(report.ticket, 'no citizen');
      if (report.identity_id && !identities.has(report.identity_id))
        broken(report.ticket, 'no sealed identity');
      if (!inboundOf.has(report.id)) broken(report.ticket, 'no inbound message');
      for (const a of attachmentsOf.get(report.id) ?? []) {
        const keys =
          a.kind === 'video' && a.processing !== null
            ? [a.original_key]
            : [a.original_key, a.public_key, a.thumb_key];
        for (const key of keys) {
          named.add(path.join(mediaRoot, key));
          const data = await readFile(path.join(mediaRoot, key)).catch(() => null);
          if (!data || data.length === 0) broken(report.ticket, `attachment file missing: ${key}`);
          else if (key === a.original_key && (sha256(data) !== a.sha256 || data.length !== a.bytes))
            broken(report.ticket, `attachment ${a.id}: bytes differ from the stored hash`);
        }
      }
    }
    for (const a of attachments)
      if (!reportIds.has(a.report_id)) problems.push(`attachment ${a.id}: no report`);
    const videosFailed = attachments.filter((a) => a.kind === 'video' && a.processing === 'failed');
    for (const a of videosFailed) problems.push(`attachment ${a.id}: transcoding failed`);
    // a video still waiting must be owed somewhere: an outbox row not yet relayed, or a job pg-boss will (re)run
    const owed = new Set<string>();
    for (const row of await db.selectFrom('outbox').select('payload').execute())
      owed.add(String((payloadOf(row.payload) as { attachmentId?: string }).attachmentId));
    const jobs = await sql<{ id: string }>`
      select data->>'attachmentId' as id from pgboss.job
      where name = 'transcode-video' and state in ('created', 'retry', 'active')`.execute(db);
    for (const job of jobs.rows) owed.add(job.id);
    const videosPending = attachments.filter((a) => a.kind === 'video' && a.processing === 'pending');
    const videosStuck = videosPending.filter((a) => !owed.has(a.id));
    for (const a of videosStuck)
      broken(ticketOf.get(a.report_id) ?? a.report_id, `video ${a.id}: transcoding owed nowhere`);

    // every acknowledged ticket: there, as it was sent
    const acknowledgedTickets = new Set<string>();
    for (const { sent, answer } of options.record.acknowledged) {
      acknowledgedTickets.add(answer.ticket);
      const report = byTicket.get(answer.ticket);
      if (!report) {
        problems.push(`${answer.ticket}: acknowledged, not in the database (lost)`);
        continue;
      }
      const differs = (what: string) => broken(report.ticket, `acknowledged, ${what} not as sent`);
      if (report.text !== sent.body.text.trim()) differs('text');
      if (report.category_code !== sent.body.category) differs('category');
      if (report.lat !== sent.body.lat || report.lng !== sent.body.lng) differs('place');
      if (report.is_private !== sent.body.private) differs('privacy');
      if (citizens.get(report.citizen_id ?? '') !== hashToken(answer.citizenToken)) differs('citizen token');
      const sealed = report.identity_id ? identities.get(report.identity_id) : undefined;
      if (!!sent.body.reporter !== !!report.identity_id) differs('reporter');
      else if (sealed && sent.body.reporter) {
        const identity = ctx.vault.open(sealed);
        if (identity.name !== sent.body.reporter.name || identity.phone !== sent.body.reporter.phone)
          differs('reporter identity');
      }
      const stored = (attachmentsOf.get(report.id) ?? []).map((a) => a.sha256).sort();
      const expected = [
        ...(sent.photo === null ? [] : [options.photos.sha256[sent.photo]!]),
        ...(sent.video && options.photos.video ? [options.photos.video.sha256] : []),
      ].sort();
      if (stored.join() !== expected.join()) differs('photos and video');
      if (sent.key && inboundOf.get(report.id) !== sent.key) differs('idempotency key');
    }

    // the audit trail and every history: chained, no gaps, states as their histories make them
    const history = await verifyHistory(ctx);
    for (const p of history.problems.slice(0, 20)) problems.push(`history: ${JSON.stringify(p)}`);
    for (const p of history.problems) if (p.where === 'report') halfWritten.add(p.id);

    // work owed after a commit must name something that exists
    let orphanedOutbox = 0;
    const attachmentIds = new Set(attachments.map((a) => a.id));
    for (const row of await db.selectFrom('outbox').select(['id', 'job', 'payload']).execute()) {
      const payload = payloadOf(row.payload) as {
        reportId?: string;
        attachmentId?: string;
      };
      if (
        (payload.reportId && !reportIds.has(payload.reportId)) ||
        (payload.attachmentId && !attachmentIds.has(payload.attachmentId))
      ) {
        orphanedOutbox++;
        problems.push(`outbox ${row.id} (${row.job}): names nothing that exists`);
      }
    }

    // what the sweeps should have taken: staged files, and media no attachment names
    const unnamed = (await filesUnder(mediaRoot)).filter((file) => !named.has(file));
    const leftovers = unnamed.filter((file) => !file.endsWith('.tmp'));
    const garbage = [
      ...unnamed.filter((file) => file.endsWith('.tmp')),
      ...(await filesUnder(path.join(options.dataDir, 'tmp'))),
    ];
    for (const file of leftovers.slice(0, 20))
      problems.push(`left behind: ${path.relative(options.dataDir, file)}`);

    const lost = options.record.acknowledged.filter((a) => !byTicket.has(a.answer.ticket)).length;
    const found = options.record.acknowledged.filter(
      (a) => byTicket.has(a.answer.ticket) && !halfWritten.has(a.answer.ticket),
    ).length;
    return {
      acknowledged: options.record.acknowledged.length,
      found,
      lost,
      halfWritten: halfWritten.size,
      storedUnacknowledged: reports.filter((r) => !acknowledgedTickets.has(r.ticket)).length,
      leftBehind: leftovers.length,
      cutOffGarbage: garbage.length,
      orphanedOutbox,
      videosPending: videosPending.length,
      videosFailed: videosFailed.length,
      videosStuck: videosStuck.length,
      historyProblems: history.problems.length,
      problems,
    };
  } finally {
    await ctx.store.close();
  }
}
