import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { smsSegments } from '../../src/channels/sms/sms-text.js';
import { call } from '../support/http.js';
import { fakeSmsGateway } from '../support/fake-sms-gateway.js';
import { expectEveryCallArrivedAt } from '../support/outbound-calls.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import { signInStaff, type TestServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'token-rahasia-gateway-meja';
const walkIn = {
  channel: 'kantor_kelurahan',
  text: 'Warga datang ke kantor: saluran air di Gang Kenari mampet sejak seminggu',
  address: 'Gang Kenari, Kenari',
  category: 'saluran_air',
  reporter: { name: 'Bu Kenari Struk', phone: '0812 7777 0042' },
};

describe.each(testEngines())('the desk’s receipt by SMS, with a fake gateway (%s)', (engine) => {
  let server: ChannelServer;
  let gateway: Awaited<ReturnType<typeof fakeSmsGateway>>;
  let officer: string;
  beforeAll(async () => {
    gateway = await fakeSmsGateway(ACCOUNT, TOKEN);
    server = await channelServer(
      engine,
      {
        sms: {
          accountSid: ACCOUNT,
          authToken: TOKEN,
          from: '1708',
          apiUrl: gateway.url,
          publicUrl: 'https://lapor.example.go.id',
        },
      },
      { 'desk-receipt-sms': { retryDelay: 1 } },
    );
    officer = await signInStaff(
      { ctx: server.ctx, url: server.base } as TestServer,
      'meja.struk',
      'officer',
      'kel-3171061001',
    );
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
  });

  test('a citizen who gave a phone gets the ticket by SMS once, even when the gateway fails first', async () => {
    gateway.state.failNext = 1;
    const filed = await call<Json>(server.base, 'POST', '/api/v1/officer/intake', {
      json: walkIn,
      token: officer,
      headers: { 'idempotency-key': 'meja-struk-1' },
    });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.receiptBySms).toBe(true);
    // the same filing again (a double click, a retry): the same ticket, no second SMS
    const again = await call<Json>(server.base, 'POST', '/api/v1/officer/intake', {
      json: walkIn,
      token: officer,
      headers: { 'idempotency-key': 'meja-struk-1' },
    });
    expect(again.body.ticket).toBe(filed.body.ticket);
    await vi.waitFor(() => expect(gateway.sent.length).toBeGreaterThanOrEqual(1), {
      timeout: 30_000,
      interval: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(gateway.state.failed).toBe(1);
    expect(gateway.sent).toEqual([
      {
        to: '0812 7777 0042',
        from: '1708',
        body: `Tanda terima Kantor Lurah: laporan Anda dicatat, No tiket ${filed.body.ticket}. Simpan nomor ini untuk menanyakan statusnya.`,
      },
    ]);
    expect(smsSegments(gateway.sent[0]!.body).segments).toBe(1);
  });

  test('no phone, or anonymous: no SMS, and the answer says so', async () => {
    const before = gateway.sent.length;
    for (const json of [
      { ...walkIn, reporter: { name: 'Pak Tanpa Nomor' } },
      { ...walkIn, anonymous: true, reporter: undefined },
    ]) {
      const filed = await call<Json>(server.base, 'POST', '/api/v1/officer/intake', { json, token: officer });
      expect(filed.status, filed.text).toBe(201);
      expect(filed.body.receiptBySms).toBe(false);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(gateway.sent.length).toBe(before);
  });

  test('the phone reaches no log line; the only calls leaving were to the gateway', async () => {
    expect(server.ctx.logLines.join('\n')).not.toMatch(/7777 0042|812777700 ?42|Kenari Struk/);
    expect(gateway.unexpected).toEqual([]);
    await expectEveryCallArrivedAt(
      server.outbound,
      server.base,
      gateway.url,
      () => gateway.sent.length + gateway.state.failed,
    );
    expect(gateway.unexpected).toEqual([]);
  });
});
