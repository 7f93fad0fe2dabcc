import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { EmailConfig } from '../../src/channels/email/email-config.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../src/channels/email/smtp-receiver.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import { type SmtpSink, smtpSink } from '../support/smtp-sink.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CITY = 'lapor@jakarta.example.go.id';
const CITIZEN = 'ani.wijaya@contoh.example';

describe.each(testEngines())('the e-mail channel over real SMTP on loopback (%s)', (engine) => {
  let ctx: TestContext;
  let sink: SmtpSink;
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
    sink = await smtpSink();
    const config: EmailConfig & { port: number } = {
      port: 0,
      host: '127.0.0.1',
      address: CITY,
      relayUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
      maxBytes: 2 * 1024 * 1024,
      imap: null,
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

  test('a reply in the thread of Sigap’s mail joins the report, only from the address that filed it', async () => {
    const citizen = 'budi.santoso@contoh.example';
    const sent = await citizenMail().sendMail({
      from: citizen,
      to: CITY,
      subject: 'Trotoar rusak di Jalan Cikini Raya',
      messageId: '<trotoar-1@contoh.example>',
      text: 'Trotoar berlubang besar di depan halte, berbahaya bagi pejalan kaki.',
    });
    const ticket = /Received: (\S+)/.exec(sent.response)![1]!;
    await vi.waitFor(() => expect(sink.received.some((m) => m.to === citizen)).toBe(true), {
      timeout: 30_000,
    });
    const notice = sink.received.find((m) => m.to === citizen)!;
    expect(notice.messageId).toMatch(
      new RegExp(`^<${ticket}\\.1\\.[0-9a-f]{20}@jakarta\\.example\\.go\\.id>$`),
    );
    expect(notice.text).toContain('Balas surel ini untuk menambah keterangan');
    const before = (await emailReports()).length;

    const reply = await citizenMail().sendMail({
      from: citizen,
      to: CITY,
      subject: `Re: Laporan ${ticket}`,
      messageId: '<trotoar-2@contoh.example>',
      inReplyTo: notice.messageId,
      references: ['<trotoar-1@contoh.example>', notice.messageId!],
      text: `Lubangnya sudah dua meter.\n\nPada 7 Des 2026, Sigap menulis:\n> Laporan Anda diterima. No tiket ${ticket}`,
    });
    expect(reply.response).toContain(`Received: ${ticket}`);
    // a reply to the citizen's own first mail (References only) joins as well
    await citizenMail().sendMail({
      from: citizen,
      to: CITY,
      subject: 'Re: Trotoar rusak di Jalan Cikini Raya',
      messageId: '<trotoar-3@contoh.example>',
      references: '<trotoar-1@contoh.example>',
      text: 'Ada anak yang jatuh tadi pagi.',
    });
    // someone else replying in the same thread (a forwarded mail, a forged one) files their own report
    const stranger = await citizenMail().sendMail({
      from: 'orang.lain@contoh.example',
      to: CITY,
      subject: `Re: Laporan ${ticket}`,
      messageId: '<lain-1@contoh.example>',
      inReplyTo: notice.messageId,
      text: 'Ini bukan laporan saya tetapi saya ikut menambah.',
    });
    expect(stranger.response).not.toContain(ticket);
    // a made-up reference for that ticket is nothing
    const forged = await citizenMail().sendMail({
      from: 'orang.lain@contoh.example',
      to: CITY,
      subject: 'Re: Laporan',
      messageId: '<lain-2@contoh.example>',
      inReplyTo: `<${ticket}.1.00000000000000000000@jakarta.example.go.id>`,
      text: 'Tebakan nomor.',
    });
    expect(forged.response).not.toContain(ticket);
    expect(await emailReports()).toHaveLength(before + 2);
    const joined = (await emailReports()).find((r) => r.ticket === ticket)!;
    expect(joined.text).toBe(
      'Trotoar rusak di Jalan Cikini Raya\n\nTrotoar berlubang besar di depan halte, berbahaya bagi pejalan kaki.' +
        '\n\nLubangnya sudah dua meter.\n\nAda anak yang jatuh tadi pagi.',
    );
  });

  test('the same mail delivered 20 times at once over SMTP is one message, one report and one reply', async () => {
    const citizen = 'citra.lestari@contoh.example';
    const mail = {
      from: citizen,
      to: CITY,
      subject: 'Lampu jalan mati di Jalan Tebet Raya',
      messageId: '<lampu-serentak@contoh.example>',
      text: 'Sudah tiga malam lampu jalan di depan masjid mati, gelap sekali.',
    };
    // 20 connections, each its own SMTP conversation, all sent before any is answered
    const answers = await Promise.all(Array.from({ length: 20 }, () => citizenMail().sendMail(mail)));
    const tickets = new Set(answers.map((a) => /Received: (\S+)/.exec(a.response)![1]));
    expect(tickets.size).toBe(1);
    const [ticket] = [...tickets];
    const reports = (await emailReports()).filter((r) => r.ticket === ticket);
    expect(reports).toHaveLength(1);
    const messages = await ctx.store.db
      .selectFrom('inbound_message')
      .select('external_id')
      .where('channel', '=', 'email')
      .where('external_id', '=', '<lampu-serentak@contoh.example>')
      .execute();
    expect(messages).toHaveLength(1);
    // one notice is owed for the report (one per event), and it is sent once
    const notices = () =>
      ctx.store.db
        .selectFrom('citizen_notification')
        .select(['kind', 'delivered_at'])
        .where('report_id', '=', reports[0]!.id)
        .execute();
    await vi.waitFor(async () => expect((await notices())[0]?.delivered_at).toBeTruthy(), {
      timeout: 30_000,
    });
    expect((await notices()).map((n) => n.kind)).toEqual(['received']);
    expect(sink.received.filter((m) => m.to === citizen)).toHaveLength(1);
  });

  test('the public statistics count e-mail: volume, time to first reply, failed sends', async () => {
    const stats = await call<Json>(base, 'GET', '/api/v1/public/stats');
    expect(stats.status).toBe(200);
    const count = (await emailReports()).length;
    expect(stats.body.byChannel.email).toEqual({
      reports: count,
      last30Days: count,
      averageMinutesToFirstReply: expect.any(Number),
      failedSends: 0,
    });
    expect(stats.body.byChannel.email.averageMinutesToFirstReply).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(stats.body)).not.toContain('contoh.example');
  });
});
