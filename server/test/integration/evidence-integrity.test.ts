import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/domain/report-events.js';
import { act, loadReport } from '../../src/services/actions.js';
import { createReport } from '../../src/services/intake.js';
import { readForCitizenOrPublic, readForStaff } from '../../src/services/report-reads.js';
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
      const hashes = (db: typeof ctx.store.db) =>
        db.selectFrom('attachment').select(['id', 'phash', 'phash_b0', 'phash_b3']).orderBy('id').execute();
      expect(await hashes(target.db)).toEqual(await hashes(ctx.store.db));
      const flags = (db: typeof ctx.store.db) =>
        db.selectFrom('evidence_flag').select(['id', 'code', 'detail']).orderBy('id').execute();
      expect(await flags(target.db)).toEqual(await flags(ctx.store.db));
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
