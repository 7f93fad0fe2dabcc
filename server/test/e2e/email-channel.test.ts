import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { EmailConfig } from '../../src/channels/email/email-config.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../src/channels/email/smtp-receiver.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CITY = 'lapor@jakarta.example.go.id';
const CITIZEN = 'ani.wijaya@contoh.example';

/** The relay the city's replies go through: a real SMTP server on loopback that keeps what it receives. */
async function sinkServer() {
  const received: Array<{
    to: string;
    subject: string;
    text: string;
    inReplyTo?: string;
    references?: string;
  }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          inReplyTo: mail.inReplyTo,
          references: Array.isArray(mail.references) ? mail.references.join(' ') : mail.references,
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(testEngines())('the e-mail channel over real SMTP on loopback (%s)', (engine) => {
  let ctx: TestContext;
  let sink: Awaited<ReturnType<typeof sinkServer>>;
  let receiver: SmtpReceiver;
  let server: ChannelServer;
  let base: string;
  const citizenMail = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  const emailReports = () =>
    ctx.store.db
      .selectFrom('report')
      .select(['id', 'ticket', 'text'])
      .where('channel', '=', 'email')
      .execute();

  beforeAll(async () => {
    sink = await sinkServer();
    const config: EmailConfig = {
      port: 0,
      host: '127.0.0.1',
      address: CITY,
      relayUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
      maxBytes: 2 * 1024 * 1024,
    };
    server = await channelServer(engine, { email: config });
    ({ ctx, base } = server);
    receiver = await startSmtpReceiver(ctx, config);
  });
  afterAll(async () => {
    await receiver.close();
    await server.close();
    await sink.close();
  });

  test('a citizen’s mail with a photo becomes a report; the ticket comes back threaded under it; twice is once', async () => {
    const mail = {
      from: `Ani Wijaya <${CITIZEN}>`,
      to: CITY,
      subject: 'Pohon tumbang di Jalan Kemang Raya',
      messageId: '<pohon-1@contoh.example>',
      text: 'Pohon besar tumbang menutup jalan depan sekolah sejak pagi.\n\n> pesan lama yang dikutip\n',
      attachments: [{ filename: 'pohon.jpg', content: await phonePhoto(3), contentType: 'image/jpeg' }],
    };
    const first = await citizenMail().sendMail(mail);
    expect(first.response).toMatch(/^250 .*Diterima \/ Received: JK\d+/);
    await citizenMail().sendMail(mail);
    const reports = await emailReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.text).toBe(
      'Pohon tumbang di Jalan Kemang Raya\n\nPohon besar tumbang menutup jalan depan sekolah sejak pagi.',
    );
    const attachments = await ctx.store.db
      .selectFrom('attachment')
      .select('kind')
      .where('report_id', '=', reports[0]!.id)
      .execute();
    expect(attachments).toEqual([{ kind: 'photo' }]);

    const ticket = reports[0]!.ticket;
    await vi.waitFor(() => expect(sink.received.length).toBeGreaterThanOrEqual(1), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({
      to: CITIZEN,
      subject: `Laporan ${ticket}`,
      inReplyTo: '<pohon-1@contoh.example>',
      references: '<pohon-1@contoh.example>',
    });
    expect(sink.received[0]!.text).toContain(`No tiket ${ticket}`);
  });

  test('an officer’s status change arrives by mail; the address never reaches the officer or the log', async () => {
    const [report] = await emailReports();
    const row = await ctx.store.db
      .selectFrom('report')
      .select('assigned_unit_id')
      .where('id', '=', report!.id)
      .executeTakeFirstOrThrow();
    await createUser(ctx, {
      username: 'lurah.surel',
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: row.assigned_unit_id!,
      displayName: 'Lurah',
    });
    const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
      json: { username: 'lurah.surel', password: 'kata-sandi-uji-123' },
    });
    const acted = await call<Json>(base, 'POST', `/api/v1/officer/reports/${report!.ticket}/process`, {
      token: login.body.token,
      json: { note: 'Tim pertamanan berangkat' },
    });
    expect(acted.status, acted.text).toBe(200);
    await vi.waitFor(() => expect(sink.received.length).toBe(2), { timeout: 30_000 });
    expect(sink.received[1]!.text).toContain(`Laporan ${report!.ticket}: sedang dikerjakan petugas.`);
    const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${report!.ticket}`, {
      token: login.body.token,
    });
    expect(view.text).not.toContain('ani.wijaya');
    expect(ctx.logLines.join('\n')).not.toContain('ani.wijaya');
  });

  test('no open relay, no oversized mail, no empty report: each refused in SMTP, nothing stored', async () => {
    const before = (await emailReports()).length;
    await expect(
      citizenMail().sendMail({
        from: CITIZEN,
        to: 'orang.lain@contoh.example',
        subject: 'x',
        text: 'relay?',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      citizenMail().sendMail({
        from: CITIZEN,
        to: CITY,
        subject: 'Besar',
        text: 'lampiran besar',
        attachments: [{ filename: 'besar.bin', content: Buffer.alloc(3 * 1024 * 1024, 7) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const empty = citizenMail().sendMail({ from: CITIZEN, to: CITY, subject: '', text: '> hanya kutipan' });
    await expect(empty).rejects.toMatchObject({ responseCode: 550 });
    await expect(empty).rejects.toThrow(/Isi laporan wajib diisi \/ The report text is required/);
    expect(await emailReports()).toHaveLength(before);
  });
});
