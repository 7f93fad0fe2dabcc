import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FileMediaStore } from '../../src/media/media-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../../src/media/media-types.js';
import { act, loadReport } from '../../src/services/handling/actions.js';
import { attachmentRows } from '../../src/services/intake/attachment-rows.js';
import { createReport } from '../../src/services/intake/intake.js';
import { MediaService } from '../../src/services/intake/media-service.js';
import { listDeadLetters, retryDeadLetter } from '../../src/services/jobs/dead-letters.js';
import { type JobRunner, startJobs } from '../../src/services/jobs/job-runner.js';
import { outboxItem } from '../../src/services/jobs/job-types.js';
import { OutboxRelay } from '../../src/services/jobs/relay.js';
import { findAttachment, insertAttachments } from '../../src/store/attachment-repository.js';
import { sqlExecutor } from '../../src/store/job-connection.js';
import { listCitizenNotifications } from '../../src/store/notification-repository.js';
import { countOutbox, insertOutbox } from '../../src/store/outbox-repository.js';
import type { StaffUser } from '../../src/store/people-repository.js';
import { FFMPEG, HAVE_FFMPEG, NO_FFMPEG_REASON, ffmpeg, testVideoArgs } from '../unit/media/fixtures.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const RETRY_DELAY = 1;
const RETRY_LIMIT = 2;
const ADMIN: StaffUser = {
  id: randomUUID(),
  username: 'admin',
  displayName: 'Admin',
  role: 'admin',
  unitId: 'x',
};
const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const WAIT = { timeout: 30_000, interval: 100 };

/** Every file under a folder, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe.each(testEngines())('jobs after commit on %s', (engine) => {
  let ctx: TestContext;
  let jobs: JobRunner;
  let mediaDir: string;

  beforeAll(async () => {
    ctx = await testContext(engine);
    // a media folder of the test's own, so it can list what is left in it
    mediaDir = await mkdtemp(join(tmpdir(), 'sigap-jobs-media-'));
    ctx.media = new MediaService(
      new FileMediaStore(join(mediaDir, 'media')),
      DEFAULT_MEDIA_LIMITS,
      join(mediaDir, 'tmp'),
      {
        ffmpeg: FFMPEG,
      },
    );
    jobs = await startJobs(ctx, {
      escalationSweepSeconds: 3600,
      pollingIntervalSeconds: 0.5,
      relaySeconds: 1,
      settings: { 'transcode-video': { retryLimit: RETRY_LIMIT, retryDelay: RETRY_DELAY } },
    });
    ctx.jobs = jobs;
  });

  afterAll(async () => {
    await jobs.stop();
    await ctx.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const newReport = (text: string, uploads: Buffer[] = [], key?: string) =>
    createReport(
      ctx,
      { text, ...GAMBIR, category: 'saluran_air' },
      uploads.map((data) => ({ data })),
      null,
      {
        idempotencyKey: key ?? null,
      },
    );

  const mediaFiles = () => filesUnder(join(mediaDir, 'media'));

  test('a status change someone else made becomes one notification for the citizen, after the commit', async () => {
    const { ticket } = await newReport('Saluran air mampet di depan pasar sejak kemarin');
    const before = await loadReport(ctx, ticket);
    const officer = { kind: 'officer' as const, id: randomUUID(), unitId: before.assignedUnitId };
    const after = await act(ctx, ticket, { type: 'start_process' }, officer);
    await vi.waitFor(
      async () => expect(await listCitizenNotifications(ctx.store.db, after.id)).toHaveLength(1),
      WAIT,
    );
    expect((await listCitizenNotifications(ctx.store.db, after.id))[0]).toMatchObject({
      kind: 'status_changed',
      status: 'proses',
      event_seq: 2,
      delivered_at: null,
    });
    // a note changes no status: nothing to tell
    await act(ctx, ticket, { type: 'add_note', note: 'Petugas sudah dijadwalkan' }, officer);
    await jobs.relay.drain();
    expect(await countOutbox(ctx.store.db)).toBe(0);
    expect(await listCitizenNotifications(ctx.store.db, after.id)).toHaveLength(1);
  });

  test('the relay creates each outbox row’s job exactly once, with several passes racing', async () => {
    const { ticket } = await newReport('Got depan rumah warga meluap setiap hujan deras');
    const report = await loadReport(ctx, ticket);
    const items = Array.from({ length: 300 }, (_, i) =>
      outboxItem(
        'notify-citizen',
        { reportId: report.id, seq: 1000 + i, kind: 'status_changed', status: 'proses' },
        ctx.now(),
      ),
    );
    // a second relay (as in another process), racing the running one
    const other = new OutboxRelay(
      ctx.store.db,
      ['notify-citizen'],
      (tx, rows) =>
        jobs.boss.insert(
          rows.map((r) => ({ id: r.id, name: r.job, data: r.payload as object })),
          { db: sqlExecutor(tx) },
        ),
      ctx.log,
    );
    await insertOutbox(ctx.store.db, items);
    jobs.poke();
    await Promise.all([other.drain(), other.drain(), jobs.relay.drain(), jobs.relay.settled()]);
    expect(await countOutbox(ctx.store.db)).toBe(0);
    const created = await sql<{ n: string; ids: string }>`
      select count(*) as n, count(distinct id) as ids from pgboss.job
      where id = any(${items.map((i) => i.id)}::uuid[])`.execute(ctx.store.db);
    expect(created.rows[0]).toEqual({ n: '300', ids: '300' });
    await vi.waitFor(
      async () => expect(await listCitizenNotifications(ctx.store.db, report.id)).toHaveLength(300),
      WAIT,
    );
  });

  test('a relay pass that fails to create its jobs leaves its rows in the outbox', async () => {
    // a job name the running relay does not move, so only the failing relay below touches the row
    const item = { ...outboxItem('sweep-staging', {}, ctx.now()), job: 'test-only-job' };
    const failing = new OutboxRelay(
      ctx.store.db,
      ['test-only-job'],
      async () => {
        throw new Error('the job insert failed');
      },
      ctx.log,
    );
    await insertOutbox(ctx.store.db, [item]);
    await expect(failing.moveBatch()).rejects.toThrow('the job insert failed');
    const left = await sql<{ id: string }>`select id from outbox where id = ${item.id}`.execute(ctx.store.db);
    expect(left.rows).toEqual([{ id: item.id }]);
    await sql`delete from outbox where id = ${item.id}`.execute(ctx.store.db);
  });

  test('a failing job is retried with growing delays, then lands on the dead-letter list; an admin retries it', async () => {
    const { ticket } = await newReport('Video banjir di jalan raya, air setinggi lutut');
    const report = await loadReport(ctx, ticket);
    // a video attachment whose original is missing: its transcoding fails every time
    const attachmentId = randomUUID();
    await insertAttachments(ctx.store.db, [
      {
        id: attachmentId,
        report_id: report.id,
        role: 'report',
        kind: 'video',
        mime: 'video/mp4',
        original_key: `original/${attachmentId.slice(0, 2)}/${attachmentId}.mp4`,
        public_key: `public/${attachmentId.slice(0, 2)}/${attachmentId}.mp4`,
        thumb_key: `public/${attachmentId.slice(0, 2)}/${attachmentId}-poster.jpg`,
        bytes: 1,
        sha256: '0'.repeat(64),
        uploaded_by: 'test',
        created_at: ctx.now(),
        processing: 'pending',
      },
    ]);
    const item = outboxItem('transcode-video', { attachmentId }, ctx.now());
    await insertOutbox(ctx.store.db, [item]);
    jobs.poke();

    await vi.waitFor(async () => expect(await jobState('transcode-video', item.id)).toBe('failed'), WAIT);
    const job = (await jobs.boss.getJobById('transcode-video', item.id))!;
    expect(job).toMatchObject({ retryCount: RETRY_LIMIT, retryLimit: RETRY_LIMIT, retryBackoff: true });
    // Exponential backoff: after failure n the next start waits at least RETRY_DELAY·2^(n-1) s (pg-boss adds up to
    // as much again as jitter), so two retries take at least 1 + 2 = 3 delays; a constant delay would take 2.
    const elapsed = (job.completedOn!.getTime() - job.createdOn.getTime()) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(3 * RETRY_DELAY);
    // the attachment says it failed: views show no broken player
    expect((await findAttachment(ctx.store.db, attachmentId))!.processing).toBe('failed');

    const listed = await listDeadLetters(ctx, ADMIN, {});
    const entry = listed.items.find((i) => i.id === item.id);
    expect(entry).toEqual({
      id: item.id,
      queue: 'transcode-video',
      payload: { attachmentId },
      attempts: RETRY_LIMIT + 1,
      reason: {
        id: 'Video warga tidak dapat diolah: Berkas yang dibutuhkan tidak ada di penyimpanan',
        en: 'A citizen’s video could not be processed: A file it needs is not in the storage',
      },
      error: expect.stringContaining('missing') as string,
      createdAt: job.createdOn,
      failedAt: job.completedOn,
    });

    // the administrator fixes the cause (here: the original is put back) and retries
    if (HAVE_FFMPEG) {
      const clip = join(mediaDir, 'clip.mp4');
      await ffmpeg([...testVideoArgs({ seconds: 1 }), clip]);
      await new FileMediaStore(join(mediaDir, 'media')).put(
        `original/${attachmentId.slice(0, 2)}/${attachmentId}.mp4`,
        await readFile(clip),
      );
    }
    await retryDeadLetter(ctx, ADMIN, item.id);
    expect((await listDeadLetters(ctx, ADMIN, {})).items.map((i) => i.id)).not.toContain(item.id);
    const expected = HAVE_FFMPEG ? 'completed' : 'failed';
    await vi.waitFor(async () => expect(await jobState('transcode-video', item.id)).toBe(expected), WAIT);
    if (HAVE_FFMPEG) expect((await findAttachment(ctx.store.db, attachmentId))!.processing).toBeNull();
    // only administrators
    await expect(listDeadLetters(ctx, { ...ADMIN, role: 'verifier' }, {})).rejects.toMatchObject({
      httpStatus: 403,
    });
  });

  const jobState = async (queue: string, id: string) => (await jobs.boss.getJobById(queue, id))?.state;

  test.skipIf(!HAVE_FFMPEG)(
    `a video is transcoded by its job after the commit${NO_FFMPEG_REASON}`,
    async () => {
      const clip = join(mediaDir, 'upload.mp4');
      await ffmpeg([...testVideoArgs({ seconds: 1 }), clip]);
      const { ticket } = await newReport('Video genangan air di jalan depan sekolah', [await readFile(clip)]);
      const report = await loadReport(ctx, ticket);
      const [attachment] = await ctx.store.db
        .selectFrom('attachment')
        .selectAll()
        .where('report_id', '=', report.id)
        .execute();
      expect(attachment).toMatchObject({ kind: 'video' });
      await vi.waitFor(
        async () => expect((await findAttachment(ctx.store.db, attachment!.id))!.processing).toBeNull(),
        WAIT,
      );
      const ready = (await findAttachment(ctx.store.db, attachment!.id))!;
      expect(ready.width).toBeGreaterThan(0);
      expect(await ctx.media.read(ready.public_key)).not.toBeNull();
      expect(await ctx.media.read(ready.thumb_key)).not.toBeNull();
    },
  );

  test('a report rolled back by the database leaves no file behind', async () => {
    const before = await mediaFiles();
    // the database itself refuses this report inside the intake statement, after the photo was written
    await sql`
      create function refuse_marked_report() returns trigger language plpgsql as $$
      begin
        if new.text like '%TOLAK-DI-DATABASE%' then raise exception 'refused by the test trigger'; end if;
        return new;
      end $$;
      create trigger refuse_marked_report before insert on report
        for each row execute function refuse_marked_report();
    `.execute(ctx.store.db);
    try {
      await expect(
        newReport('Trotoar rusak parah TOLAK-DI-DATABASE', [await phonePhoto(7)]),
      ).rejects.toThrow();
    } finally {
      await sql`drop trigger refuse_marked_report on report; drop function refuse_marked_report();`.execute(
        ctx.store.db,
      );
    }
    expect(await mediaFiles()).toEqual(before);
  });

  test('twin deliveries of one message keep the files of one report only', async () => {
    const before = await mediaFiles();
    const photo = await phonePhoto(11);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => newReport('Pohon tumbang menutup jalan kampung', [photo], 'kembar-1')),
    );
    expect(new Set(answers.map((a) => a.ticket)).size).toBe(1);
    const added = (await mediaFiles()).filter((f) => !before.includes(f));
    const report = await loadReport(ctx, answers[0]!.ticket);
    const [attachment] = await ctx.store.db
      .selectFrom('attachment')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute();
    expect(added).toEqual([attachment!.original_key, attachment!.public_key, attachment!.thumb_key].sort());
  });

  test('the staging sweep removes what no commit named and promotes what one did', async () => {
    const { ticket } = await newReport('Sampah menumpuk di pinggir kali');
    const report = await loadReport(ctx, ticket);
    const before = await mediaFiles();
    // two uploads staged by a process that then stopped: one before its commit, one after it
    const [orphan] = await ctx.media.ingest([{ data: await phonePhoto(21) }]);
    const [committed] = await ctx.media.ingest([{ data: await phonePhoto(22) }]);
    await insertAttachments(
      ctx.store.db,
      attachmentRows([committed!], report.id, 'report', 'test', ctx.now()),
    );
    const staged = (await mediaFiles()).filter((f) => !before.includes(f));
    expect(staged).toHaveLength(6);
    expect(staged.every((f) => f.startsWith('staging/'))).toBe(true);

    // too young to sweep: an intake may still be running
    await jobs.boss.send('sweep-staging', {});
    await vi.waitFor(async () => expect(await jobs.boss.getQueueSize('sweep-staging')).toBe(0), WAIT);
    expect((await mediaFiles()).filter((f) => !before.includes(f))).toEqual(staged);

    const old = new Date(Date.now() - 2 * 3600_000);
    for (const f of staged) await utimes(join(mediaDir, 'media', f), old, old);
    const id = await jobs.boss.send('sweep-staging', {});
    await vi.waitFor(async () => expect(await jobState('sweep-staging', id!)).toBe('completed'), WAIT);
    const after = (await mediaFiles()).filter((f) => !before.includes(f));
    expect(after).toEqual([committed!.originalKey, committed!.publicKey, committed!.thumbKey].sort());
    expect(orphan!.staged.every((k) => !after.includes(k))).toBe(true);
  });

  test('the escalation sweep runs as a queued job', async () => {
    const { ticket } = await newReport('Saluran tersumbat sampah plastik, air meluap ke jalan');
    const before = await loadReport(ctx, ticket);
    ctx.setNow(new Date(before.nextEscalationAt!.getTime() + 1));
    await jobs.boss.send('escalation-sweep', {});
    await vi.waitFor(async () => expect((await loadReport(ctx, ticket)).escalationLevel).toBe(1), WAIT);
  });
});
