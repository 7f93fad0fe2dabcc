import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const NAME = 'Wibisonowati';

// The staff queue's filters for the console: words (in the redacted text or the ticket, never the reporter's own
// words), channel, and reports with open laporan serupa; /auth/me lists the city's channels.
describe.each(testEngines())('staff queue filters (%s)', (engine) => {
  let server: TestServer;
  let officer = '';
  const tickets: Record<string, string> = {};

  const queue = async (query: string) => {
    const reply = await call<Json>(server.url, 'GET', `/api/v1/officer/queue?${query}`, { token: officer });
    expect(reply.status, reply.text).toBe(200);
    return (reply.body.items as Json[]).map((i) => i.ticket as string).sort();
  };

  beforeAll(async () => {
    server = await testServer(engine);
    officer = await signInStaff(
      server,
      'lurah.filter',
      'officer',
      server.ctx.city.city.unitByRegion.get('31.71.01.1001')!,
    );
    const file = async (key: string, body: Json) => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { ...GAMBIR, ...body },
      });
      expect(created.status, created.text).toBe(201);
      tickets[key] = created.body.ticket;
    };
    await file('tree', {
      text: `pohon besar tumbang menutup jalan, saya ${NAME} warga sini`,
      reporter: { name: `Kenari ${NAME}` },
      channel: 'web',
    });
    // the same problem again, a few metres away: laporan serupa of the first
    await file('treeAgain', { text: 'pohon tumbang menutup jalan raya, tolong dipotong', channel: 'jaki' });
    await file('lamp', {
      text: 'lampu penerangan jalan mati sudah seminggu, gelap sekali malam hari',
      channel: 'web',
    });
  });
  afterAll(() => server?.close());

  test('words match the redacted text, all of them, in any case; a ticket matches too', async () => {
    expect(await queue('q=LAMPU%20gelap')).toEqual([tickets.lamp]);
    expect(await queue('q=lampu%20pohon')).toEqual([]);
    expect(await queue(`q=${tickets.tree}`)).toEqual([tickets.tree]);
    expect(await queue('q=100%25')).toEqual([]);
  });

  test('the reporter’s name, masked in the text, finds nothing', async () => {
    expect(await queue(`q=${NAME}`)).toEqual([]);
  });

  test('channel and laporan serupa narrow the queue', async () => {
    expect(await queue('channel=jaki')).toEqual([tickets.treeAgain]);
    expect(await queue('channel=web')).toEqual([tickets.tree, tickets.lamp].sort());
    expect(await queue('similar=true')).toEqual([tickets.tree, tickets.treeAgain].sort());
    const bad = await call(server.url, 'GET', '/api/v1/officer/queue?channel=WEB%3B', { token: officer });
    expect(bad.status).toBe(400);
  });

  test('a row shows the redacted text’s first 160 characters, whole ones, and says when it goes on', async () => {
    const long = `🌳 pohon tumbang 🚧 di jalan ${'ranting berserakan sampai ke trotoar 🌿 '.repeat(12)}`;
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { ...GAMBIR, text: long, channel: 'web' },
    });
    expect(created.status, created.text).toBe(201);
    const ticket = created.body.ticket as string;
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, { token: officer });
    const reply = await call<Json>(server.url, 'GET', `/api/v1/officer/queue?q=${ticket}`, {
      token: officer,
    });
    const [row] = reply.body.items as Json[];
    const chars = Array.from(view.body.text as string);
    expect(chars.length).toBeGreaterThan(160);
    expect(row!.excerpt).toBe(`${chars.slice(0, 160).join('')}…`);

    const [lamp] = (
      await call<Json>(server.url, 'GET', `/api/v1/officer/queue?q=${tickets.lamp}`, { token: officer })
    ).body.items as Json[];
    expect(lamp!.excerpt).toBe('lampu penerangan jalan mati sudah seminggu, gelap sekali malam hari');
  });

  test('/auth/me lists the city’s channels', async () => {
    const me = await call<Json>(server.url, 'GET', '/api/v1/auth/me', { token: officer });
    expect(me.body.channels).toEqual(
      expect.arrayContaining([
        { code: 'kantor_kelurahan', kind: 'walk_in', name: { id: 'Kantor Lurah', en: 'Kelurahan office' } },
      ]),
    );
  });
});
