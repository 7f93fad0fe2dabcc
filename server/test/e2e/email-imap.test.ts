import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { EmailConfig, ImapConfig } from '../../src/channels/email/email-config.js';
import {
  DEFAULT_IMAP_TIMING,
  type ImapMailbox,
  startImapMailbox,
} from '../../src/channels/email/imap-mailbox.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../src/channels/email/smtp-receiver.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import { phonePhoto } from '../support/http.js';
import { type Dovecot, HAS_DOVECOT, startDovecot } from '../support/dovecot.js';
import { type SmtpSink, smtpSink } from '../support/smtp-sink.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const CITY = 'lapor@jakarta.example.go.id';

/** A plain mail as a mail program writes it (CRLF lines). */
function rawMail(m: { from: string; subject: string; messageId?: string; text: string }): string {
  return [
    `From: ${m.from}`,
    `To: ${CITY}`,
    `Subject: ${m.subject}`,
    ...(m.messageId ? [`Message-ID: ${m.messageId}`] : []),
    'Date: Mon, 07 Dec 2026 09:00:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.text,
    '',
  ].join('\r\n');
}

describe.skipIf(!HAS_DOVECOT).each(testEngines())(
  'the e-mail channel reading a real IMAP mailbox (Dovecot on loopback) (%s)',
  (engine) => {
    let dovecot: Dovecot;
    let sink: SmtpSink;
    let server: ChannelServer;
    let ctx: TestContext;
    let receiver: SmtpReceiver;
    let mailbox: ImapMailbox;
    /** the test's own IMAP connection: what a mail program (or the city's MX) does to the mailbox */
    let user: ImapFlow;
    let config: EmailConfig & { port: number; imap: ImapConfig };

    const reportsOf = (externalId: string) =>
      ctx.store.db
        .selectFrom('inbound_message')
        .innerJoin('report', 'report.id', 'inbound_message.report_id')
        .select(['report.ticket', 'report.text', 'report.channel'])
        .where('inbound_message.channel', '=', 'email')
        .where('inbound_message.external_id', '=', externalId)
        .execute();
    const emailReportCount = async () =>
      (await ctx.store.db.selectFrom('report').select('id').where('channel', '=', 'email').execute()).length;
    const append = async (raw: string | Buffer) => {
      const done = await user.append('INBOX', raw, []);
      if (!done || !done.uid) throw new Error('APPEND gave no uid');
      return done.uid;
    };
    /** the flags of the INBOX's mail, by uid, read through the test's own connection */
    const flagsByUid = async () => {
      const lock = await user.getMailboxLock('INBOX');
      try {
        const flags = new Map<number, string[]>();
        for await (const m of user.fetch('1:*', { flags: true, uid: true }))
          flags.set(m.uid, [...(m.flags ?? [])]);
        return flags;
      } finally {
        lock.release();
      }
    };
    const counts = async (folder: string) => {
      const status = await user.status(folder, { messages: true, unseen: true });
      if (!status) throw new Error(`no STATUS for ${folder}`);
      return status;
    };
    const untilSeen = (uids: number[]) =>
      vi.waitFor(
        async () => {
          const flags = await flagsByUid();
          for (const uid of uids) expect(flags.get(uid), `uid ${uid}`).toContain('\\Seen');
        },
        { timeout: 30_000, interval: 200 },
      );
    const openUser = async () => {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    };

    beforeAll(async () => {
      dovecot = await startDovecot();
      sink = await smtpSink();
      const imap: ImapConfig = {
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        user: dovecot.user,
        password: dovecot.password,
        mailbox: 'INBOX',
        doneMailbox: null,
        // an hour: new mail must be noticed through IDLE, not by reading the folder again
        pollSeconds: 3600,
      };
      config = {
        port: 0,
        host: '127.0.0.1',
        address: CITY,
        relayUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
        maxBytes: 2 * 1024 * 1024,
        imap,
      };
      server = await channelServer(engine, { email: config });
      ctx = server.ctx;
      receiver = await startSmtpReceiver(ctx, config);
      user = await openUser();
      mailbox = startImapMailbox(ctx, config, 'email', {
        ...DEFAULT_IMAP_TIMING,
        retryMs: 100,
        maxRetryMs: 1000,
      });
    });
    afterAll(async () => {
      await mailbox?.close();
      await user?.logout().catch(() => undefined);
      await receiver?.close();
      await server?.close();
      await sink?.close();
      await dovecot?.stop();
    });

    test('a mail put in the INBOX becomes a report, is marked seen after, and its ticket comes back threaded', async () => {
      const uid = await append(
        rawMail({
          from: 'Dewi Anggraini <dewi.anggraini@contoh.example>',
          subject: 'Saluran air tersumbat di Jalan Pramuka',
          messageId: '<saluran-1@contoh.example>',
          text: 'Saluran air depan rumah nomor 12 tersumbat sampah, air meluap ke jalan.',
        }),
      );
      await untilSeen([uid]);
      const reports = await reportsOf('<saluran-1@contoh.example>');
      expect(reports).toHaveLength(1);
      expect(reports[0]!.text).toBe(
        'Saluran air tersumbat di Jalan Pramuka\n\nSaluran air depan rumah nomor 12 tersumbat sampah, air meluap ke jalan.',
      );
      await vi.waitFor(
        () => expect(sink.received.some((m) => m.to === 'dewi.anggraini@contoh.example')).toBe(true),
        { timeout: 30_000 },
      );
      expect(sink.received.find((m) => m.to === 'dewi.anggraini@contoh.example')).toMatchObject({
        subject: `Laporan ${reports[0]!.ticket}`,
        inReplyTo: '<saluran-1@contoh.example>',
      });
      expect(ctx.logLines.join('\n')).not.toContain('dewi.anggraini');
    });

    test('the same mail put in twice, or received by SMTP and found in the mailbox too, is one report', async () => {
      const twice = rawMail({
        from: 'eko.prasetyo@contoh.example',
        subject: 'Jalan berlubang di Jalan Raya Bogor',
        messageId: '<lubang-2x@contoh.example>',
        text: 'Lubang besar di lajur kiri dekat pasar, motor sering jatuh.',
      });
      const first = await append(twice);
      await untilSeen([first]);
      const second = await append(twice);
      await untilSeen([second]);
      expect(await reportsOf('<lubang-2x@contoh.example>')).toHaveLength(1);

      const both = {
        from: 'fitri.handayani@contoh.example',
        subject: 'Pohon rawan tumbang di Jalan Gatot Subroto',
        messageId: '<pohon-smtp-imap@contoh.example>',
        text: 'Pohon tua miring ke arah jalan, akarnya sudah terangkat.',
      };
      const smtp = nodemailer.createTransport({
        host: '127.0.0.1',
        port: receiver.port,
        secure: false,
        ignoreTLS: true,
      });
      const sent = await smtp.sendMail({ ...both, to: CITY });
      const ticket = /Received: (\S+)/.exec(sent.response)![1];
      const copy = await append(rawMail(both));
      await untilSeen([copy]);
      const reports = await reportsOf('<pohon-smtp-imap@contoh.example>');
      expect(reports.map((r) => r.ticket)).toEqual([ticket]);
    });

    test('the same mail 20 times at once, half by SMTP and half into the mailbox, is one report', async () => {
      const before = await emailReportCount();
      const mail = {
        from: 'gilang.ramadhan@contoh.example',
        subject: 'Sampah menumpuk di Jalan Kramat Raya',
        messageId: '<sampah-serentak@contoh.example>',
        text: 'Tumpukan sampah di trotoar sudah seminggu tidak diangkut, baunya menyengat.',
      };
      const smtp = () =>
        nodemailer.createTransport({
          host: '127.0.0.1',
          port: receiver.port,
          secure: false,
          ignoreTLS: true,
        });
      // separate IMAP connections append at the same time as separate SMTP conversations deliver
      const appenders = await Promise.all(Array.from({ length: 10 }, () => openUser()));
      const [sent, uids] = await Promise.all([
        Promise.all(Array.from({ length: 10 }, () => smtp().sendMail({ ...mail, to: CITY }))),
        Promise.all(
          appenders.map(async (client) => {
            const done = await client.append('INBOX', rawMail(mail), []);
            if (!done || !done.uid) throw new Error('APPEND gave no uid');
            return done.uid;
          }),
        ),
      ]);
      await Promise.all(appenders.map((client) => client.logout()));
      await untilSeen(uids);
      const tickets = new Set(sent.map((s) => /Received: (\S+)/.exec(s.response)![1]));
      expect(tickets.size).toBe(1);
      const reports = await reportsOf('<sampah-serentak@contoh.example>');
      expect(reports.map((r) => r.ticket)).toEqual([...tickets]);
      expect(await emailReportCount()).toBe(before + 1);
    });

    test('a mail the intake refuses is flagged for a person and marked seen, and makes nothing', async () => {
      const before = await emailReportCount();
      const uid = await append(
        rawMail({
          from: 'hana.putri@contoh.example',
          subject: '',
          messageId: '<kosong@contoh.example>',
          text: '> hanya kutipan',
        }),
      );
      await untilSeen([uid]);
      expect((await flagsByUid()).get(uid)).toContain('\\Flagged');
      expect(await emailReportCount()).toBe(before);
    });

    test('with a done folder, a handled mail is moved there, seen', async () => {
      await user.mailboxCreate('Masuk').catch(() => undefined);
      const other = startImapMailbox(
        ctx,
        {
          ...config,
          imap: { ...config.imap, mailbox: 'Masuk', doneMailbox: 'Selesai' },
        },
        'email',
        { ...DEFAULT_IMAP_TIMING, retryMs: 100, maxRetryMs: 1000 },
      );
      try {
        const done = await user.append(
          'Masuk',
          rawMail({
            from: 'joko.widodo@contoh.example',
            subject: 'Trotoar dipakai parkir di Jalan Sabang',
            messageId: '<sabang-1@contoh.example>',
            text: 'Trotoar di Jalan Sabang penuh motor parkir, pejalan kaki turun ke jalan.',
          }),
          [],
        );
        expect(done && done.uid).toBeTruthy();
        await vi.waitFor(
          async () => {
            expect((await counts('Masuk')).messages).toBe(0);
            expect((await counts('Selesai')).unseen).toBe(0);
            expect((await counts('Selesai')).messages).toBe(1);
          },
          { timeout: 30_000, interval: 200 },
        );
        expect(await reportsOf('<sabang-1@contoh.example>')).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    test('a mail whose report cannot be stored stays unseen, and is read again once it can', async () => {
      // the media store's staging folder becomes a plain file: storing the photo fails (ENOTDIR, even as root)
      const staging = join(dirname(ctx.media.workDir), 'media', 'staging');
      await mkdir(dirname(staging), { recursive: true });
      await rm(staging, { recursive: true, force: true });
      await writeFile(staging, 'bukan folder');
      const raw = await new MailComposer({
        from: 'kartika.sari@contoh.example',
        to: CITY,
        subject: 'Jembatan penyeberangan rusak di Jalan Daan Mogot',
        messageId: '<jpo-1@contoh.example>',
        text: 'Lantai jembatan penyeberangan berlubang, berbahaya untuk anak sekolah.',
        attachments: [{ filename: 'jpo.jpg', content: await phonePhoto(21), contentType: 'image/jpeg' }],
      })
        .compile()
        .build();
      const failedBefore = ctx.logLines.filter((l) => l.includes('the mail stays unseen')).length;
      const uid = await append(raw);
      await vi.waitFor(
        () =>
          expect(ctx.logLines.filter((l) => l.includes('the mail stays unseen')).length).toBeGreaterThan(
            failedBefore,
          ),
        { timeout: 30_000, interval: 100 },
      );
      expect((await flagsByUid()).get(uid)).not.toContain('\\Seen');
      expect(await reportsOf('<jpo-1@contoh.example>')).toEqual([]);

      // the store works again; the next mail's arrival makes the mailbox read again, the first mail with it
      await rm(staging, { force: true });
      const next = await append(
        rawMail({
          from: 'lukman.hakim@contoh.example',
          subject: 'Genangan di underpass Kemayoran',
          messageId: '<underpass-1@contoh.example>',
          text: 'Underpass Kemayoran tergenang setinggi lutut setelah hujan.',
        }),
      );
      await untilSeen([uid, next]);
      const [report] = await reportsOf('<jpo-1@contoh.example>');
      expect(report).toBeDefined();
      const photos = await ctx.store.db
        .selectFrom('attachment')
        .innerJoin('report', 'report.id', 'attachment.report_id')
        .select('attachment.kind')
        .where('report.ticket', '=', report!.ticket)
        .execute();
      expect(photos).toEqual([{ kind: 'photo' }]);
    });

    test('a mail the intake keeps failing on is given up after its attempts, flagged for a person, and makes nothing', async () => {
      await user.mailboxCreate('Macet').catch(() => undefined);
      const staging = join(dirname(ctx.media.workDir), 'media', 'staging');
      await mkdir(dirname(staging), { recursive: true });
      await rm(staging, { recursive: true, force: true });
      await writeFile(staging, 'bukan folder');
      const stuck = startImapMailbox(
        ctx,
        { ...config, imap: { ...config.imap, mailbox: 'Macet', pollSeconds: 1 } },
        'email',
        { retryMs: 100, maxRetryMs: 1000, giveUpAttempts: 3, giveUpAfterMs: 0 },
      );
      try {
        const raw = await new MailComposer({
          from: 'sri.rahayu@contoh.example',
          to: CITY,
          subject: 'Lampu lalu lintas mati di Cawang',
          messageId: '<cawang-1@contoh.example>',
          text: 'Lampu lalu lintas di simpang Cawang mati sejak pagi, macet panjang.',
          attachments: [{ filename: 'cawang.jpg', content: await phonePhoto(22), contentType: 'image/jpeg' }],
        })
          .compile()
          .build();
        const appended = await user.append('Macet', raw, []);
        const uid = appended && appended.uid;
        expect(uid).toBeTruthy();
        await vi.waitFor(
          async () => {
            const lock = await user.getMailboxLock('Macet');
            try {
              const message = await user.fetchOne(String(uid), { flags: true }, { uid: true });
              expect(message && [...(message.flags ?? [])]).toEqual(
                expect.arrayContaining(['\\Flagged', '\\Seen']),
              );
            } finally {
              lock.release();
            }
          },
          { timeout: 30_000, interval: 200 },
        );
        expect(ctx.logLines.filter((l) => l.includes('given up, flagged in the mailbox')).length).toBe(1);
        expect(ctx.logLines.join('\n')).not.toContain('sri.rahayu');
        expect(await reportsOf('<cawang-1@contoh.example>')).toEqual([]);
      } finally {
        await stuck.close();
        await rm(staging, { force: true });
      }
    });

    test('the IMAP server going away and coming back: the mailbox is read again after reconnecting', async () => {
      await user.logout().catch(() => undefined);
      await dovecot.restart();
      user = await openUser();
      const uid = await append(
        rawMail({
          from: 'indra.kusuma@contoh.example',
          subject: 'Lampu lalu lintas mati di simpang Matraman',
          text: 'Lampu lalu lintas di simpang Matraman mati sejak subuh, kendaraan semrawut.',
        }),
      );
      await untilSeen([uid]);
      // no Message-ID: the mail's bytes name it
      const [report] = (await ctx.store.db
        .selectFrom('report')
        .select('text')
        .where('channel', '=', 'email')
        .where('text', 'like', 'Lampu lalu lintas mati%')
        .execute()) as Array<{ text: string }>;
      expect(report?.text).toContain('simpang Matraman mati sejak subuh');
      // nobody's address and not the mailbox's password in any log line, failures included
      const log = ctx.logLines.join('\n');
      expect(log).toContain('IMAP');
      expect(log).not.toContain('contoh.example');
      expect(log).not.toContain(dovecot.password);
    });
  },
);
