import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { EmailConfig } from '../../src/channels/email/email-config.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../src/channels/email/smtp-receiver.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import { STAFF_PASSWORD } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// Privacy canary for the dead-letter list: the city's mail relay refuses the citizen's address and quotes it in its
// answer (as real SMTP servers do: "550 5.1.1 <address>: no such user"). The ticket's notification fails for
// real; neither the administrators' list nor the log may carry the address.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CITY = 'lapor@jakarta.example.go.id';
const CANARY = 'kanari.surel.8812@contoh.example';

async function refusingRelay() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), {
          responseCode: 550,
        }),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(testEngines())('the dead-letter list never shows a citizen’s address (%s)', (engine) => {
  let server: ChannelServer;
  let relay: Awaited<ReturnType<typeof refusingRelay>>;
  let receiver: SmtpReceiver;

  beforeAll(async () => {
    relay = await refusingRelay();
    const config: EmailConfig & { port: number } = {
      port: 0,
      host: '127.0.0.1',
      address: CITY,
      relayUrl: `smtp://127.0.0.1:${relay.port}?ignoreTLS=true`,
      maxBytes: 2 * 1024 * 1024,
      imap: null,
    };
    server = await channelServer(engine, { email: config }, { 'notify-citizen': { retryLimit: 0 } });
    receiver = await startSmtpReceiver(server.ctx, config);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
    await relay?.close();
  });

  test('the relay’s refusal is a failed job in plain words, without the address, here and in the log', async () => {
    const mail = nodemailer.createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
    await mail.sendMail({
      from: `Kanari <${CANARY}>`,
      to: CITY,
      subject: 'Lampu jalan mati di Jalan Kemang Raya',
      text: 'Lampu penerangan jalan mati sudah seminggu di depan sekolah, gelap sekali malam hari.',
    });
    await createUser(server.ctx, {
      username: 'admin.surel',
      password: STAFF_PASSWORD,
      role: 'admin',
      unitId: 'crm-triage',
      displayName: 'Admin',
    });
    const login = await call<Json>(server.base, 'POST', '/api/v1/auth/login', {
      json: { username: 'admin.surel', password: STAFF_PASSWORD },
    });
    const token: string = login.body.token;
    let list = await call<Json>(server.base, 'GET', '/api/v1/admin/jobs/failed', { token });
    await vi.waitFor(
      async () => {
        list = await call<Json>(server.base, 'GET', '/api/v1/admin/jobs/failed', { token });
        expect(list.body.items.map((i: Json) => i.queue)).toContain('notify-citizen');
      },
      { timeout: 30_000, interval: 200 },
    );
    const job = list.body.items.find((i: Json) => i.queue === 'notify-citizen');
    expect(job.attempts).toBe(1);
    expect(job.error).toMatch(/550/);
    expect(job.error).toContain('[alamat / address]');
    expect(job.reason.id).toMatch(/^Kabar untuk warga tidak terkirim: Server surel menolak alamat penerima/);
    expect(job.reason.en).toMatch(/^A message to a citizen was not delivered: The mail server refused/);
    expect(list.text).not.toContain(CANARY);
    expect(list.text).not.toContain('8812');
    const logged = server.ctx.logLines.join('\n');
    expect(logged).toMatch(/job failed/);
    expect(logged).not.toContain(CANARY);
  });
});
