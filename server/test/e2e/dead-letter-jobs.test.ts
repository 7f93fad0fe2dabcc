import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type JobRunner, startJobs } from '../../src/services/jobs/job-runner.js';
import { outboxItem } from '../../src/services/jobs/job-types.js';
import { insertAttachments } from '../../src/store/attachment-repository.js';
import { insertOutbox } from '../../src/store/outbox-repository.js';
import { findReportByTicket } from '../../src/store/report-repository.js';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const MONAS = { lat: -6.1754, lng: 106.8272 };
const CANARY = { name: 'Kanari Jobsworth', phone: '081299887766', email: 'kanari.jobs@example.org' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('the dead-letter list of background jobs over HTTP (%s)', (engine) => {
  let server: TestServer;
  let jobs: JobRunner;
  let jobId: string;
  let citizen: { ticket: string; citizenToken: string };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await testServer(engine);
    jobs = await startJobs(server.ctx, {
      escalationSweepSeconds: 3600,
      pollingIntervalSeconds: 0.5,
      relaySeconds: 1,
      settings: { 'transcode-video': { retryLimit: 1, retryDelay: 1 } },
    });
    server.ctx.jobs = jobs;
    tokens.admin = await signInStaff(server, 'admin-jobs', 'admin', 'kel-3171011001');
    tokens.officer = await signInStaff(server, 'lurah-jobs', 'officer', 'kel-3171011001');

    // a citizen's report with a video whose transcoding cannot succeed (its original is missing)
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Video genangan di jalan protokol', ...MONAS, category: 'jalan', reporter: CANARY },
    });
    citizen = created.body as typeof citizen;
    const report = (await findReportByTicket(server.ctx.store.db, citizen.ticket))!;
    const attachmentId = randomUUID();
    await insertAttachments(server.ctx.store.db, [
      {
        id: attachmentId,
        report_id: report.id,
        role: 'report',
        kind: 'video',
        mime: 'video/mp4',
        original_key: `original/aa/${attachmentId}.mp4`,
        public_key: `public/aa/${attachmentId}.mp4`,
        thumb_key: `public/aa/${attachmentId}-poster.jpg`,
        bytes: 1,
        sha256: '0'.repeat(64),
        uploaded_by: 'test',
        created_at: server.ctx.now(),
        processing: 'pending',
      },
    ]);
    const item = outboxItem('transcode-video', { attachmentId }, server.ctx.now());
    jobId = item.id;
    await insertOutbox(server.ctx.store.db, [item]);
    jobs.poke();
    await vi.waitFor(
      async () => expect((await jobs.boss.getJobById('transcode-video', jobId))?.state).toBe('failed'),
      {
        timeout: 30_000,
        interval: 100,
      },
    );
  });

  afterAll(async () => {
    await jobs.stop();
    await server.close();
  });

  test('an administrator sees the failed job: its queue, ids, attempts and error, never who reported', async () => {
    const res = await call<Json>(server.url, 'GET', '/api/v1/admin/jobs/failed', { token: tokens.admin });
    expect(res.status).toBe(200);
    const entry = res.body.items.find((i: Json) => i.id === jobId);
    expect(entry).toMatchObject({ queue: 'transcode-video', attempts: 2 });
    expect(Object.keys(entry.payload)).toEqual(['attachmentId']);
    expect(entry.error).toMatch(/missing/);
    expect(entry.reason).toEqual({
      id: 'Video warga tidak dapat diolah: Berkas yang dibutuhkan tidak ada di penyimpanan',
      en: 'A citizen’s video could not be processed: A file it needs is not in the storage',
    });
    for (const secret of Object.values(CANARY)) expect(res.text).not.toContain(secret);
  });

  test('the citizen sees the video as failed, with no link to a file that does not exist', async () => {
    const mine = await call<Json>(server.url, 'GET', `/api/v1/reports/${citizen.ticket}`, {
      token: citizen.citizenToken,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.attachments).toEqual([
      expect.objectContaining({ kind: 'video', state: 'failed', url: null, thumbnailUrl: null }),
    ]);
  });

  test('only administrators: 401 without a session, 403 for other staff, in both languages', async () => {
    const anonymous = await call<Json>(server.url, 'GET', '/api/v1/admin/jobs/failed');
    expect(anonymous.status).toBe(401);
    const officer = await call<Json>(server.url, 'GET', '/api/v1/admin/jobs/failed', {
      token: tokens.officer,
    });
    expect(officer.status).toBe(403);
    expect(officer.body.error).toMatchObject({ code: 'admin_only' });
    expect(officer.body.error.message.id).toMatch(/^Hanya administrator/);
    expect(officer.body.error.message.en).toMatch(/^Only administrators/);
    const retry = await call<Json>(server.url, 'POST', `/api/v1/admin/jobs/failed/${jobId}/retry`, {
      token: tokens.officer,
    });
    expect(retry.status).toBe(403);
  });

  test('a retry puts the job back in its queue; an unknown or malformed id is refused', async () => {
    const unknown = await call<Json>(server.url, 'POST', `/api/v1/admin/jobs/failed/${randomUUID()}/retry`, {
      token: tokens.admin,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('job_not_found');
    const malformed = await call<Json>(server.url, 'POST', '/api/v1/admin/jobs/failed/not-a-uuid/retry', {
      token: tokens.admin,
    });
    expect(malformed.status).toBe(400);

    const retried = await call<Json>(server.url, 'POST', `/api/v1/admin/jobs/failed/${jobId}/retry`, {
      token: tokens.admin,
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ id: jobId, queue: 'transcode-video', state: 'retry' });
    // it runs once more (and fails again: its cause was not fixed), back on the list
    await vi.waitFor(
      async () => {
        const job = await jobs.boss.getJobById('transcode-video', jobId);
        expect(job).toMatchObject({ state: 'failed', retryCount: 2 });
      },
      { timeout: 30_000, interval: 100 },
    );
    const again = await call<Json>(server.url, 'GET', '/api/v1/admin/jobs/failed', { token: tokens.admin });
    expect(again.body.items.map((i: Json) => i.id)).toContain(jobId);
  });
});
