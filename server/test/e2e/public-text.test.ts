import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Vault } from '../../src/security/vault.js';
import { act } from '../../src/services/handling/actions.js';
import { backfillPublicText } from '../../src/services/intake/public-text.js';
import { call } from '../support/http.js';
import { type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

interface Feed {
  items: Array<{ ticket: string; text: string | null }>;
}

describe.each(testEngines())('the public text is written with the report, on %s', (engine) => {
  let server: TestServer;
  const feedText = async (ticket: string) => {
    const feed = await call<Feed>(server.url, 'GET', '/api/v1/public/reports?limit=100');
    expect(feed.status).toBe(200);
    return feed.body.items.find((i) => i.ticket === ticket)?.text;
  };

  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(() => server.close());

  test('the public feed reads it without the vault; an edit rewrites it; older reports are backfilled', async () => {
    const created = await call<{ ticket: string; citizenToken: string }>(
      server.url,
      'POST',
      '/api/v1/reports',
      {
        json: {
          text: 'Got mampet depan rumah Bu Sulastri, hubungi 0812 5555 4444',
          lat: -6.1754,
          lng: 106.8272,
          category: 'saluran_air',
          private: false,
          reporter: { name: 'Sulastri Wulandari', phone: '0812 5555 4444' },
        },
      },
    );
    expect(created.status).toBe(201);
    const { ticket, citizenToken } = created.body;
    expect(await feedText(ticket)).toBe('Got mampet depan rumah Bu [disamarkan], hubungi [disamarkan]');

    const edited = await call(server.url, 'PATCH', `/api/v1/reports/${ticket}`, {
      json: { text: 'Got mampet, air meluber. Pelapor: Wulandari' },
      token: citizenToken,
    });
    expect(edited.status, edited.text).toBe(200);
    expect(await feedText(ticket)).toBe('Got mampet, air meluber. Pelapor: [disamarkan]');

    // a server whose vault key is gone still serves the public feed: it never opens the vault
    const vault = server.ctx.vault;
    server.ctx.vault = Vault.fromKey(randomBytes(32));
    expect(await feedText(ticket)).toBe('Got mampet, air meluber. Pelapor: [disamarkan]');
    server.ctx.vault = vault;

    // a report from before the column existed shows no text until the start-up backfill writes it
    await server.ctx.store.db
      .updateTable('report')
      .set({ public_text: null })
      .where('ticket', '=', ticket)
      .execute();
    expect(await feedText(ticket)).toBeNull();
    expect(await backfillPublicText(server.ctx)).toBe(1);
    expect(await feedText(ticket)).toBe('Got mampet, air meluber. Pelapor: [disamarkan]');
    expect(await backfillPublicText(server.ctx)).toBe(0);
  });

  test('the public page of a report shows its notes as masked when written, without opening the vault', async () => {
    const created = await call<{ ticket: string }>(server.url, 'POST', '/api/v1/reports', {
      json: {
        text: 'Lampu jalan mati di depan masjid',
        lat: -6.1754,
        lng: 106.8272,
        category: 'penerangan_jalan',
        private: false,
        reporter: { name: 'Sulastri Wulandari', phone: '0812 5555 4444' },
      },
    });
    const { ticket } = created.body;
    const admin = { kind: 'admin' as const, id: 'admin-uji', unitId: null };
    await act(
      server.ctx,
      ticket,
      { type: 'add_note', note: 'Sudah ditelepon Bu Wulandari; hubungi PJU di 021 555 0101' },
      admin,
    );
    const publicNotes = async () => {
      const page = await call<{ history: { note: string | null }[] }>(
        server.url,
        'GET',
        `/api/v1/reports/${ticket}`,
      );
      expect(page.status, page.text).toBe(200);
      return page.body.history.map((h) => h.note).filter((n) => n !== null);
    };
    const masked = ['Sudah ditelepon Bu [disamarkan]; hubungi PJU di 021 555 0101'];
    expect(await publicNotes()).toEqual(masked);

    const vault = server.ctx.vault;
    server.ctx.vault = Vault.fromKey(randomBytes(32));
    try {
      expect(await publicNotes()).toEqual(masked);
    } finally {
      server.ctx.vault = vault;
    }

    // a note from before the column existed is left out until the start-up backfill writes its public form
    await server.ctx.store.db
      .updateTable('report_event')
      .set({ public_note: null })
      .where('note', 'is not', null)
      .execute();
    expect(await publicNotes()).toEqual([]);
    expect(await backfillPublicText(server.ctx)).toBeGreaterThanOrEqual(1);
    expect(await publicNotes()).toEqual(masked);
  });
});
