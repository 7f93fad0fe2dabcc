import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emailSender } from '../../src/channels/email/email-sender.js';
import type { EmailConfig } from '../../src/channels/email/email-config.js';
import { jobHandlers } from '../../src/services/jobs/handlers.js';
import { submit } from '../../src/services/intake/intake.js';
import { cityFigures } from '../../src/services/reads/kpi/kpi-figures.js';
import { readCityStats } from '../../src/services/reads/public/public-feed.js';
import { type SmtpSink, smtpSink } from '../support/smtp-sink.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const HOUR = 60 * 60 * 1000;
const CITIZEN = 'joko.susilo@contoh.example';
const admin = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'admin',
  displayName: 'Admin',
  role: 'admin' as const,
  unitId: 'pemprov',
};

const relay = (url: string): EmailConfig & { relayUrl: string } => ({
  port: null,
  host: '127.0.0.1',
  address: 'lapor@jakarta.example.go.id',
  relayUrl: url,
  maxBytes: 1024 * 1024,
  imap: null,
});

describe.each(testEngines())(
  'per-channel figures: volume, time to first reply, failed sends (%s)',
  (engine) => {
    let ctx: TestContext;
    let sink: SmtpSink;

    beforeAll(async () => {
      ctx = await testContext(engine, new Date('2026-12-07T03:00:00Z'));
      sink = await smtpSink();
    });
    afterAll(async () => {
      await sink?.close();
      await ctx?.close();
    });

    test('every channel of city.json has figures, e-mail too; a failing relay counts after an hour, a delivery sets the reply time', async () => {
      const stats0 = await readCityStats(ctx);
      const codes = ctx.city.city.config.channels.map((c) => c.code);
      expect(codes).toContain('email');
      expect(Object.keys(stats0.byChannel).sort()).toEqual([...codes].sort());
      expect(stats0.byChannel.email).toEqual({
        reports: 0,
        last30Days: 0,
        averageMinutesToFirstReply: null,
        failedSends: 0,
      });

      const created = await submit(ctx, {
        channel: 'email',
        externalId: '<figures-1@contoh.example>',
        sender: { kind: 'email', value: CITIZEN },
        raw: null,
        report: { text: 'Got air tersumbat di Jalan Salemba Raya dekat halte, air meluap', private: true },
        uploads: [],
        citizenToken: null,
      });
      const report = await ctx.store.db
        .selectFrom('report')
        .select('id')
        .where('ticket', '=', created.ticket)
        .executeTakeFirstOrThrow();
      const notify = {
        reportId: report.id,
        seq: 1,
        kind: 'received' as const,
        status: 'menunggu',
      };
      const attempt = { retryCount: 0, retryLimit: 5 };

      // the relay refuses connections: the send throws and the notification stays undelivered
      ctx.senders = { email: emailSender(relay('smtp://127.0.0.1:1?ignoreTLS=true')) };
      await expect(
        jobHandlers(ctx, { stagingGraceSeconds: 0 })['notify-citizen'](notify, attempt),
      ).rejects.toThrow();
      expect((await readCityStats(ctx)).byChannel.email).toMatchObject({ reports: 1, failedSends: 0 });
      ctx.advance(2 * HOUR);
      expect((await readCityStats(ctx)).byChannel.email).toEqual({
        reports: 1,
        last30Days: 1,
        averageMinutesToFirstReply: null,
        failedSends: 1,
      });
      const failing = (await cityFigures(ctx, admin)).channels.find((c) => c.channel === 'email');
      expect(failing).toEqual({
        channel: 'email',
        name: { id: 'Surel', en: 'E-mail' },
        received: 1,
        averageMinutesToFirstReply: null,
        failedSends: 1,
      });

      // the relay answers on the retry, two hours after intake
      ctx.senders = { email: emailSender(relay(`smtp://127.0.0.1:${sink.port}?ignoreTLS=true`)) };
      await jobHandlers(ctx, { stagingGraceSeconds: 0 })['notify-citizen'](notify, {
        ...attempt,
        retryCount: 1,
      });
      expect(sink.received.map((m) => m.to)).toEqual([CITIZEN]);
      expect((await readCityStats(ctx)).byChannel.email).toEqual({
        reports: 1,
        last30Days: 1,
        averageMinutesToFirstReply: 120,
        failedSends: 0,
      });
      const figures = await cityFigures(ctx, admin);
      expect(figures.channels.map((c) => c.channel).sort()).toEqual([...codes].sort());
      expect(figures.channels[0]).toEqual({
        channel: 'email',
        name: { id: 'Surel', en: 'E-mail' },
        received: 1,
        averageMinutesToFirstReply: 120,
        failedSends: 0,
      });
      expect(figures.channels.find((c) => c.channel === 'sms')).toEqual({
        channel: 'sms',
        name: { id: 'SMS', en: 'SMS' },
        received: 0,
        averageMinutesToFirstReply: null,
        failedSends: 0,
      });
      expect(JSON.stringify([await readCityStats(ctx), figures])).not.toContain('joko');
    });
  },
);
