import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/domain/report-events.js';
import { act, loadReport } from '../../src/services/handling/actions.js';
import { createReport } from '../../src/services/intake/intake.js';
import { actorOf } from '../../src/services/identity/policies.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { listMyUnreadNotices, markMyNoticeRead } from '../../src/services/handling/staff-notices.js';
import { readForCitizenOrPublic, readForStaff } from '../../src/services/reads/report-reads.js';
import { VIEW_MAX_DISTANCE, WHOLE_MAX_DISTANCE, hammingDistance } from '../../src/media/hash-bands.js';
import { exportBackup, importBackup } from '../../src/store/backup.js';
import { listEvidenceFlags } from '../../src/store/evidence-flag-repository.js';
import { REUSE_VARIANTS, cameraPhoto } from '../support/synthetic-photos.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { openTestStore, testEngines } from '../support/test-store.js';

// Monas, Kelurahan Gambir; the test clock starts 2026-11-23 02:00 UTC (09:00 WIB).
const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const NEAR_GAMBIR = { lat: -6.1759, lng: 106.8281 };
const HOUR = 3_600_000;
const VERIFIER: Actor = { kind: 'verifier', id: 'v1', unitId: 'biro-pemerintahan' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('evidence integrity on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(async () => ctx?.close());

  /** A report in Proses with one follow-up carrying `photo`; returns its ticket, token and stored flags. */
  async function followedUp(photo: Buffer, reporterName = 'Warga Uji') {
    const { ticket, citizenToken } = await createReport(
      ctx,
      {
        text: 'Jalan berlubang di depan halte',
        ...GAMBIR,
        category: 'jalan',
        reporter: { name: reporterName },
      },
      [],
      null,
    );
    const created = await loadReport(ctx, ticket);
    const officer: Actor = { kind: 'officer', id: 'o1', unitId: created.assignedUnitId };
    await act(ctx, ticket, { type: 'start_process' }, officer);
    ctx.advance(2 * HOUR);
    await act(ctx, ticket, { type: 'follow_up', attachmentIds: [], note: 'Sudah ditambal' }, officer, [
      { data: photo },
    ]);
    const flags = await listEvidenceFlags(ctx.store.db, created.id);
    return { ticket, citizenToken, created, flags };
  }

  let users = 0;
  /** A real staff account (notices need one), with a fresh username. */
  function verifier() {
    users += 1;
    return createUser(ctx, {
      username: `verifikator-${users}`,
      password: 'kata-sandi-uji-123',
      displayName: `Verifikator ${users}`,
      role: 'verifier',
      unitId: ctx.city.city.config.verifierUnitId,
    });
  }

  async function evidenceIds(reportId: string): Promise<string[]> {
    const rows = await ctx.store.db
      .selectFrom('attachment')
      .select('id')
      .where('report_id', '=', reportId)
      .where('role', '=', 'evidence')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.id);
  }

  async function noticesAbout(reportIds: string[]) {
    return ctx.store.db.selectFrom('staff_notice').selectAll().where('report_id', 'in', reportIds).execute();
  }

  async function wholeHash(reportId: string): Promise<string> {
    const row = await ctx.store.db
      .selectFrom('attachment')
      .select('phash')
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow();
    return row.phash!;
  }

  /** Taken on site an hour after the report that followedUp is about to create (it uploads after two hours). */
  const onSite = () => ({
    takenAt: wib(new Date(ctx.now().getTime() + HOUR)),
    ...NEAR_GAMBIR,
  });

  test('reused evidence, re-encoded and resized, is flagged with the first report’s ticket only', async () => {
    const original = await cameraPhoto(31, onSite());
    const first = await followedUp(original, 'Siti Rahmawati');
    expect(first.flags).toEqual([]);

    const resaved = await sharp(original).resize(400).jpeg({ quality: 60 }).toBuffer();
    const second = await followedUp(resaved);
    const similar = second.flags.filter((f) => f.code === 'similar_photo');
    expect(similar).toHaveLength(1);
    expect(similar[0]).toMatchObject({
      level: 'warning',
      detail: { ticket: first.ticket, role: 'evidence' },
    });
    // re-saving dropped the EXIF; that alone is only information
    expect(second.flags.map((f) => f.code).sort()).toEqual(['no_camera_metadata', 'similar_photo']);

    // staff see the flag with both languages; nothing identifies the first report's reporter or its photo
    const staffView = (await readForStaff(ctx, second.ticket, VERIFIER)) as Json;
    const flag = staffView.evidenceFlags.find((f: Json) => f.code === 'similar_photo');
    expect(flag.message.id).toContain(first.ticket);
    expect(flag.message.en).toContain(first.ticket);
    expect(flag.attachmentId).toBe(staffView.attachments.find((a: Json) => a.role === 'evidence').id);
    const serialized = JSON.stringify(staffView);
    expect(serialized).not.toContain('Siti');
    const firstView = (await readForStaff(ctx, first.ticket, VERIFIER)) as Json;
    for (const a of firstView.attachments) expect(serialized).not.toContain(a.id);

    // citizens never see flags, not even on their own report
    const citizenView = (await readForCitizenOrPublic(ctx, second.ticket, second.citizenToken)) as Json;
    expect(citizenView.evidenceFlags).toBeUndefined();
    expect(JSON.stringify(citizenView)).not.toContain(first.ticket);
    const publicView = (await readForCitizenOrPublic(ctx, second.ticket, null)) as Json;
    expect(publicView.evidenceFlags).toBeUndefined();
  });

  test('a cropped copy is found through the stored crop views, a copy with a caption bar through the probes', async () => {
    // layout 54 is one where neither copy is within reach of the whole-picture hash (asserted below)
    const original = await cameraPhoto(54, onSite());
    const first = await followedUp(original);
    const cropped = await followedUp(await REUSE_VARIANTS['cropped 5% off the right']!(original));
    const captioned = await followedUp(await REUSE_VARIANTS['caption bar added below']!(original));
    for (const copy of [cropped, captioned]) {
      const similar = copy.flags.find(
        (f) => f.code === 'similar_photo' && (f.detail as Json).ticket === first.ticket,
      );
      expect(similar?.detail).toMatchObject({ ticket: first.ticket, role: 'evidence' });
      expect((similar?.detail as Json).distance).toBeLessThanOrEqual(VIEW_MAX_DISTANCE);
      const [a, b] = await Promise.all([wholeHash(first.created.id), wholeHash(copy.created.id)]);
      expect(hammingDistance(a, b)).toBeGreaterThan(WHOLE_MAX_DISTANCE);
    }
  });

  test('an honest, different photo taken on site is not flagged', async () => {
    const { flags } = await followedUp(await cameraPhoto(32, onSite()));
    expect(flags).toEqual([]);
  });

  test('the byte-identical file is flagged as such, and its old capture time too', async () => {
    const photo = await cameraPhoto(33, onSite());
    const first = await followedUp(photo);
    const again = await followedUp(photo);
    expect(again.flags.map((f) => [f.code, (f.detail as Json).ticket ?? null])).toEqual([
      ['duplicate_file', first.ticket],
      ['taken_before_report', null],
    ]);
  });

  test('capture time before the report, GPS far away and a generator tag are flagged', async () => {
    const before = await followedUp(
      await cameraPhoto(34, { ...NEAR_GAMBIR, takenAt: '2026:11:20 09:15:00' }),
    );
    expect(before.flags.map((f) => f.code)).toEqual(['taken_before_report']);
    expect(before.flags[0]!.detail).toEqual({
      takenAt: '2026-11-20T02:15:00.000Z',
      reportCreatedAt: before.created.createdAt.toISOString(),
    });

    // Kelapa Gading, ~9 km away, and an image generator in EXIF Software
    const far = await followedUp(
      await cameraPhoto(35, { ...onSite(), lat: -6.1587, lng: 106.9057, software: 'Midjourney 6.1' }),
    );
    expect(far.flags.map((f) => f.code).sort()).toEqual(['generator_software', 'taken_far_away']);
  });

  test('reuse flags the earlier report too, and the verifier who approved its evidence gets a notice', async () => {
    const approver = await verifier();
    const colleague = await verifier();
    const original = await cameraPhoto(36, onSite());
    const first = await followedUp(original, 'Siti Rahmawati');
    expect(first.flags).toEqual([]);
    await act(ctx, first.ticket, { type: 'approve' }, actorOf(approver));
    expect((await loadReport(ctx, first.ticket)).status).toBe('selesai');

    const resaved = await sharp(original).resize(400).jpeg({ quality: 60 }).toBuffer();
    const second = await followedUp(resaved, 'Budi Santoso');
    const reusedAt = ctx.now().toISOString();
    // the later report is flagged as before
    const similar = second.flags.filter((f) => f.code === 'similar_photo');
    expect(similar.map((f) => f.detail)).toEqual([
      expect.objectContaining({ ticket: first.ticket, role: 'evidence' }),
    ]);
    const distance = (similar[0]!.detail as Json).distance as number;

    // and the earlier report now carries the other direction, on its own evidence photo
    const firstFlags = await listEvidenceFlags(ctx.store.db, first.created.id);
    expect(firstFlags).toEqual([
      expect.objectContaining({
        code: 'reused_later_on',
        level: 'warning',
        attachment_id: (await evidenceIds(first.created.id))[0],
        detail: { ticket: second.ticket, role: 'evidence', usedAt: reusedAt, sameFile: false, distance },
      }),
    ]);
    const firstForStaff = (await readForStaff(ctx, first.ticket, actorOf(colleague))) as Json;
    expect(firstForStaff.evidenceFlags).toHaveLength(1);
    const [flag] = firstForStaff.evidenceFlags;
    expect(flag).toMatchObject({
      code: 'reused_later_on',
      level: 'warning',
      detail: { ticket: second.ticket },
    });
    expect(flag.message.id).toContain(second.ticket);
    expect(flag.message.en).toContain(second.ticket);
    expect(flag.attachmentId).toBe(firstForStaff.attachments.find((a: Json) => a.role === 'evidence').id);
    expect(JSON.stringify(firstForStaff)).not.toContain('Budi');

    // the approver has one unread notice naming both reports; nobody else has any
    const { items } = await listMyUnreadNotices(ctx, approver, {});
    expect(items).toHaveLength(1);
    const notice = items[0]!;
    expect(notice).toMatchObject({
      kind: 'approved_evidence_reused',
      ticket: first.ticket,
      otherTicket: second.ticket,
      detail: { ticket: second.ticket, usedAt: reusedAt, sameFile: false, distance },
      readAt: null,
    });
    for (const text of [notice.message.id, notice.message.en]) {
      expect(text).toContain(first.ticket);
      expect(text).toContain(second.ticket);
    }
    expect(JSON.stringify(notice)).not.toMatch(/Siti|Budi|berlubang/);
    expect((await listMyUnreadNotices(ctx, colleague, {})).items).toEqual([]);
    await expect(markMyNoticeRead(ctx, colleague, notice.id)).rejects.toMatchObject({ httpStatus: 404 });

    const read = await markMyNoticeRead(ctx, approver, notice.id);
    expect(read.readAt).toEqual(ctx.now());
    expect((await listMyUnreadNotices(ctx, approver, {})).items).toEqual([]);
    ctx.advance(HOUR);
    expect((await markMyNoticeRead(ctx, approver, notice.id)).readAt).toEqual(read.readAt);

    // citizens and the public see neither the flag nor the other ticket, on either report
    for (const token of [first.citizenToken, null]) {
      const view = (await readForCitizenOrPublic(ctx, first.ticket, token)) as Json;
      expect(view.evidenceFlags).toBeUndefined();
      expect(JSON.stringify(view)).not.toContain(second.ticket);
    }

    // each later reuse is a new notice; unread ones are listed newest first, a page at a time
    const third = await followedUp(await sharp(original).jpeg({ quality: 40 }).toBuffer());
    const fourth = await followedUp(original);
    const page1 = await listMyUnreadNotices(ctx, approver, { limit: 1 });
    expect(page1.items.map((n) => n.otherTicket)).toEqual([fourth.ticket]);
    expect(page1.items[0]!.detail).toMatchObject({ sameFile: true, distance: 0 });
    const page2 = await listMyUnreadNotices(ctx, approver, { limit: 1, cursor: page1.nextCursor! });
    expect(page2.items.map((n) => n.otherTicket)).toEqual([third.ticket]);
    expect(page2.nextCursor).toBeNull();
    expect(
      (await listEvidenceFlags(ctx.store.db, first.created.id)).map((f) => (f.detail as Json).ticket),
    ).toEqual([second.ticket, third.ticket, fourth.ticket]);
  });

  test('only the verdict on the follow-up that carried the photo counts: pending, returned or citizen photos raise flags, no notices', async () => {
    const approver = await verifier();
    // evidence waiting for the verifier
    const pendingPhoto = await cameraPhoto(37, onSite());
    const pending = await followedUp(pendingPhoto);
    // evidence returned, then other evidence approved
    const returnedPhoto = await cameraPhoto(38, onSite());
    const returned = await followedUp(returnedPhoto);
    await act(ctx, returned.ticket, { type: 'return', note: 'Foto kurang jelas' }, actorOf(approver));
    const officer: Actor = { kind: 'officer', id: 'o1', unitId: returned.created.assignedUnitId };
    const approvedPhoto = await cameraPhoto(39, onSite());
    await act(ctx, returned.ticket, { type: 'follow_up', attachmentIds: [], note: 'Foto baru' }, officer, [
      { data: approvedPhoto },
    ]);
    await act(ctx, returned.ticket, { type: 'approve' }, actorOf(approver));
    // a citizen's report photo
    const citizenPhoto = await cameraPhoto(40, onSite());
    const reported = await createReport(
      ctx,
      { text: 'Saluran air tersumbat sampah', ...GAMBIR, category: 'jalan', reporter: { name: 'Ani' } },
      [{ data: citizenPhoto }],
      null,
    );
    const reportedState = await loadReport(ctx, reported.ticket);

    const later = [
      await followedUp(await sharp(pendingPhoto).jpeg({ quality: 50 }).toBuffer()),
      await followedUp(await sharp(returnedPhoto).jpeg({ quality: 50 }).toBuffer()),
      await followedUp(citizenPhoto),
    ];
    const [pendingEvidence, returnedEvidence] = await Promise.all([
      evidenceIds(pending.created.id),
      evidenceIds(returned.created.id),
    ]);
    const laterOn = async (reportId: string) =>
      (await listEvidenceFlags(ctx.store.db, reportId))
        .filter((f) => f.code === 'reused_later_on')
        .map((f) => ({ attachment: f.attachment_id, detail: f.detail as Json }));
    expect(await laterOn(pending.created.id)).toEqual([
      {
        attachment: pendingEvidence[0],
        detail: expect.objectContaining({ ticket: later[0]!.ticket, role: 'evidence', sameFile: false }),
      },
    ]);
    expect(await laterOn(returned.created.id)).toEqual([
      {
        attachment: returnedEvidence[0],
        detail: expect.objectContaining({ ticket: later[1]!.ticket, role: 'evidence' }),
      },
    ]);
    expect(await laterOn(reportedState.id)).toEqual([
      {
        attachment: expect.any(String),
        detail: expect.objectContaining({
          ticket: later[2]!.ticket,
          role: 'report',
          sameFile: true,
          distance: 0,
        }),
      },
    ]);
    expect(await noticesAbout([pending.created.id, returned.created.id, reportedState.id])).toEqual([]);

    // the evidence that was approved on the returned report does raise one
    const fourth = await followedUp(await sharp(approvedPhoto).resize(500).toBuffer());
    const notices = await noticesAbout([returned.created.id]);
    expect(notices).toEqual([
      expect.objectContaining({ recipient_id: approver.id, kind: 'approved_evidence_reused', read_at: null }),
    ]);
    expect(notices[0]!.detail).toMatchObject({ ticket: fourth.ticket });
    expect((await laterOn(returned.created.id)).map((f) => [f.attachment, f.detail.ticket])).toEqual([
      [returnedEvidence[0], later[1]!.ticket],
      [returnedEvidence[1], fourth.ticket],
    ]);
  });

  test('hashes, crop views and flags survive a backup and restore', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-backup-')), 'b.jsonl.gz');
    const target = await openTestStore(engine);
    try {
      const counts = await exportBackup(ctx.store.db, file);
      expect(counts.evidence_flag).toBeGreaterThan(0);
      expect(counts.attachment_crop_hash).toBeGreaterThan(0);
      const restored = await importBackup(target.db, file);
      expect(restored.evidence_flag).toBe(counts.evidence_flag);
      expect(restored.attachment_crop_hash).toBe(counts.attachment_crop_hash);
      expect(counts.staff_notice).toBeGreaterThan(0);
      expect(restored.staff_notice).toBe(counts.staff_notice);
      const hashes = (db: typeof ctx.store.db) =>
        db.selectFrom('attachment').select(['id', 'phash', 'phash_b0', 'phash_b3']).orderBy('id').execute();
      expect(await hashes(target.db)).toEqual(await hashes(ctx.store.db));
      const flags = (db: typeof ctx.store.db) =>
        db.selectFrom('evidence_flag').select(['id', 'code', 'detail']).orderBy('id').execute();
      expect(await flags(target.db)).toEqual(await flags(ctx.store.db));
      const notices = (db: typeof ctx.store.db) =>
        db.selectFrom('staff_notice').selectAll().orderBy('id').execute();
      expect(await notices(target.db)).toEqual(await notices(ctx.store.db));
    } finally {
      await target.close();
      await fs.rm(path.dirname(file), { recursive: true, force: true });
    }
  });
});

function wib(date: Date): string {
  const local = new Date(date.getTime() + 7 * HOUR).toISOString();
  return `${local.slice(0, 10).replace(/-/g, ':')} ${local.slice(11, 19)}`;
}
