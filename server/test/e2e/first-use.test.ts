import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Vault } from '../../src/security/vault.js';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const TEBET_TIMUR = { code: '31.74.01.1001', unit: 'kel-3174011001' };
const MANGGARAI = { code: '31.74.01.1007', unit: 'kel-3174011007' };
const KECAMATAN_TEBET = 'kec-317401';
const TRIAGE = 'crm-triage';
const INSPEKTORAT = 'inspektorat';

interface Created {
  ticket: string;
  citizenToken: string;
}
interface StaffView {
  kelurahan: { code: string } | null;
  unit: { id: string };
  suggestedUnit: { id: string } | null;
  history: Array<{ type: string; routing?: { rule: string } }>;
}

describe.each(testEngines())('what a new user meets first, on %s', (engine) => {
  let server: TestServer;
  let admin: string;
  const file = async (json: Record<string, unknown>) => {
    const reply = await call<Created>(server.url, 'POST', '/api/v1/reports', { json });
    expect(reply.status, reply.text).toBe(201);
    return reply.body;
  };
  const staffView = async (ticket: string, token = admin) =>
    call<StaffView>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, { token });

  beforeAll(async () => {
    server = await testServer(engine);
    admin = await signInStaff(server, 'admin.first', 'admin', 'pemprov');
  });
  afterAll(() => server.close());

  test('a report with only text is accepted and placed from the place it names', async () => {
    const { ticket } = await file({
      text: 'lampu jalan mati di depan Stasiun Manggarai udah 3 hari',
      category: 'penerangan_jalan',
    });
    const view = (await staffView(ticket)).body;
    expect(view.kelurahan?.code).toBe(MANGGARAI.code);
    expect(view.unit.id).toBe(MANGGARAI.unit);
    expect(view.history[0]?.routing?.rule).toMatch(/teks laporan → 31\.74\.01\.1007/);
  });

  test('a report naming no place goes to the triage desk, and the history says why', async () => {
    const { ticket } = await file({ text: 'lampu jalan mati sudah seminggu', category: 'penerangan_jalan' });
    const view = (await staffView(ticket)).body;
    expect(view.kelurahan).toBeNull();
    expect(view.unit.id).toBe(TRIAGE);
    expect(view.history[0]?.routing?.rule).toMatch(/tanpa lokasi.*meja triase/);
  });

  test('half a coordinate pair is refused with a clear message', async () => {
    const reply = await call(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'pohon tumbang', lat: -6.2 },
    });
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/lat dan lng/);
    expect(reply.text).toMatch(/both lat and lng/);
  });

  test.each([
    ['Tebet Timur', TEBET_TIMUR],
    ['Manggarai', MANGGARAI],
    ['Jl. Saharjo, Manggarai', MANGGARAI],
  ])('an address that is just a kelurahan name (%s) is placed there', async (address, kelurahan) => {
    const { ticket } = await file({ text: 'sampah menumpuk', address, category: 'sampah' });
    const view = (await staffView(ticket)).body;
    expect(view.kelurahan?.code).toBe(kelurahan.code);
    expect(view.unit.id).toBe(kelurahan.unit);
  });

  test('editing the address while Menunggu places and routes the report again', async () => {
    const { ticket, citizenToken } = await file({
      text: 'sampah menumpuk',
      address: 'rumah saya',
      category: 'sampah',
    });
    expect((await staffView(ticket)).body.unit.id).toBe(TRIAGE);
    const edited = await call(server.url, 'PATCH', `/api/v1/reports/${ticket}`, {
      json: { address: 'Jl. Tebet Timur Dalam, Kel. Tebet Timur' },
      token: citizenToken,
    });
    expect(edited.status, edited.text).toBe(200);
    const view = (await staffView(ticket)).body;
    expect(view.kelurahan?.code).toBe(TEBET_TIMUR.code);
    expect(view.unit.id).toBe(TEBET_TIMUR.unit);
    expect(view.suggestedUnit?.id).toMatch(/lingkungan-hidup/);
    const edit = view.history.find((h) => h.type === 'edited');
    expect(edit?.routing?.rule).toMatch(/^diubah pelapor; alamat → 31\.74\.01\.1001/);
  });

  test('of a private report, the public learns only that the ticket exists and its status', async () => {
    const { ticket, citizenToken } = await file({
      text: 'Lurah minta setoran dari pedagang pasar',
      address: 'Kel. Manggarai',
      category: 'pungli',
    });
    const anyone = await call<Record<string, unknown>>(server.url, 'GET', `/api/v1/reports/${ticket}`);
    expect(anyone.status).toBe(200);
    expect(Object.keys(anyone.body).sort()).toEqual(['notice', 'private', 'status', 'ticket']);
    expect(anyone.body).toMatchObject({ ticket, private: true, status: { code: 'menunggu' } });
    expect(anyone.text).not.toMatch(/pungli|Manggarai|setoran|inspektorat/i);
    const owner = await call<Record<string, unknown>>(server.url, 'GET', `/api/v1/reports/${ticket}`, {
      token: citizenToken,
    });
    expect(owner.body).toMatchObject({ text: 'Lurah minta setoran dari pedagang pasar' });
  });

  test('a complaint about a kelurahan’s staff never reaches that kelurahan', async () => {
    const lurah = await signInStaff(server, 'lurah.manggarai', 'officer', MANGGARAI.unit);
    const camat = await signInStaff(server, 'camat.tebet', 'officer', KECAMATAN_TEBET);
    const inspector = await signInStaff(server, 'inspektur', 'officer', INSPEKTORAT);
    const { ticket } = await file({
      text: 'Petugas kelurahan minta uang pelicin 500 ribu untuk surat pindah',
      address: 'Kel. Manggarai',
      category: 'pungli',
    });
    const view = (await staffView(ticket, inspector)).body;
    expect(view.unit.id).toBe(INSPEKTORAT);
    expect(view.suggestedUnit).toBeNull();
    expect(view.kelurahan?.code).toBe(MANGGARAI.code);
    expect(view.history[0]?.routing?.rule).toMatch(/perilaku aparatur/);
    expect((await staffView(ticket, lurah)).status).toBe(404);
    expect((await staffView(ticket, camat)).status).toBe(404);
    const handBack = await call(server.url, 'POST', `/api/v1/officer/reports/${ticket}/coordinate`, {
      json: { targetUnitId: MANGGARAI.unit },
      token: inspector,
    });
    expect(handBack.status).toBe(409);
    expect(handBack.text).toMatch(/perilaku aparatur/);
    const queue = await call<{ items: Array<{ ticket: string }> }>(
      server.url,
      'GET',
      '/api/v1/officer/queue',
      { token: lurah },
    );
    expect(queue.body.items.map((i) => i.ticket)).not.toContain(ticket);
  });

  test('recategorising a report into a conduct complaint moves it away from the kelurahan that holds it', async () => {
    const lurah = await signInStaff(server, 'lurah.tebet', 'officer', TEBET_TIMUR.unit);
    const { ticket } = await file({
      text: 'Oknum di kantor kelurahan minta uang untuk tanda tangan',
      address: 'Kel. Tebet Timur',
      category: 'lainnya',
    });
    expect((await staffView(ticket, lurah)).body.unit.id).toBe(TEBET_TIMUR.unit);
    const moved = await call(server.url, 'POST', `/api/v1/officer/reports/${ticket}/recategorise`, {
      json: { categoryCode: 'pungli' },
      token: lurah,
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ ticket, outOfSight: true });
    expect((await staffView(ticket)).body.unit.id).toBe(INSPEKTORAT);
    expect((await staffView(ticket, lurah)).status).toBe(404);
  });

  test('the actions a view allows are the URLs there are; a wrong one gets one plain answer', async () => {
    const lurah = await signInStaff(server, 'lurah.menteng', 'officer', 'kel-3171061001');
    const { ticket, citizenToken } = await file({
      text: 'pohon tumbang',
      lat: -6.1967,
      lng: 106.8336,
      category: 'pohon',
    });
    const openapi = await call<{ paths: Record<string, Record<string, unknown>> }>(
      server.url,
      'GET',
      '/openapi.json',
    );
    const paths = Object.keys(openapi.body.paths);
    const staff = await call<{ allowedActions: string[] }>(
      server.url,
      'GET',
      `/api/v1/officer/reports/${ticket}`,
      { token: lurah },
    );
    expect(staff.body.allowedActions).toEqual(
      expect.arrayContaining(['coordinate', 'process', 'note', 'reject', 'merge', 'recategorise']),
    );
    for (const action of staff.body.allowedActions)
      expect(paths, action).toContain(`/api/v1/officer/reports/{ticket}/${action}`);
    const mine = await call<{ allowedActions: string[] }>(server.url, 'GET', `/api/v1/reports/${ticket}`, {
      token: citizenToken,
    });
    expect(mine.body.allowedActions.sort()).toEqual(['edit', 'withdraw']);
    expect(paths).toContain('/api/v1/reports/{ticket}/withdraw');

    const wrong = await call<{ error: { code: string; message: { id: string; en: string } } }>(
      server.url,
      'POST',
      `/api/v1/officer/reports/${ticket}/start_process`,
      { token: lurah, json: {} },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('unknown_action');
    expect(wrong.body.error.message.id).toMatch(
      /^Tindakan "start_process" tidak dikenal; yang tersedia: coordinate, /,
    );
    expect(wrong.body.error.message.en).toMatch(/^Unknown action "start_process"/);
    expect(wrong.text.match(/must be equal to constant/g)).toBeNull();
  });

  test('OpenAPI documents each action’s body and how to sign in (Swagger UI can authorize)', async () => {
    const doc = (
      await call<{
        components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
        paths: Record<
          string,
          Record<
            string,
            {
              security?: unknown[];
              requestBody?: {
                content: Record<
                  string,
                  { schema: { required?: string[]; properties?: Record<string, unknown> } }
                >;
              };
            }
          >
        >;
      }>(server.url, 'GET', '/openapi.json')
    ).body;
    expect(doc.components.securitySchemes.staffToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.citizenToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const coordinate = doc.paths['/api/v1/officer/reports/{ticket}/coordinate']!.post!;
    expect(coordinate.security).toEqual([{ staffToken: [] }, { staffSession: [] }]);
    const body = coordinate.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(['targetUnitId']);
    expect(Object.keys(body.properties ?? {}).sort()).toEqual(['note', 'targetUnitId']);
    const ews =
      doc.paths['/api/v1/officer/reports/{ticket}/ews']!.post!.requestBody!.content['application/json']!;
    expect(ews.schema.required?.sort()).toEqual(['reason', 'until']);
    const followUp = doc.paths['/api/v1/officer/reports/{ticket}/follow-up']!.post!.requestBody!.content;
    expect(Object.keys(followUp)).toEqual(['multipart/form-data']);
    expect(doc.paths['/api/v1/me/reports']!.get!.security).toEqual([{ citizenToken: [] }]);
  });

  test('units come in pages until the last one, filtered by kind', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await call(server.url, 'GET', `/api/v1/units?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
          token: admin,
        });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(server.ctx.city.city.units.size);
    expect(new Set(seen).size).toBe(seen.length);
    const kelurahan = await call<{ items: Array<{ kind: string }> }>(
      server.url,
      'GET',
      '/api/v1/units?kind=kelurahan&limit=200',
      { token: admin },
    );
    expect(kelurahan.body.items).toHaveLength(200);
    expect(new Set(kelurahan.body.items.map((u) => u.kind))).toEqual(new Set(['kelurahan']));
  });

  test('a verifier’s queue honours scope and status', async () => {
    const verifier = await signInStaff(server, 'verif.triase', 'verifier', TRIAGE);
    const { ticket } = await file({ text: 'got ada yang buang puing', category: 'sampah' });
    const queue = (query: string) =>
      call<{ items: Array<{ ticket: string; status: { code: string }; assignedUnitId: string }> }>(
        server.url,
        'GET',
        `/api/v1/officer/queue${query}`,
        { token: verifier },
      );
    const awaiting = await queue('');
    expect(awaiting.body.items.every((i) => i.status.code === 'menunggu_validasi')).toBe(true);
    const waiting = await queue('?status=menunggu&limit=100');
    expect(waiting.body.items.length).toBeGreaterThan(1);
    expect(waiting.body.items.every((i) => i.status.code === 'menunggu')).toBe(true);
    expect(new Set(waiting.body.items.map((i) => i.assignedUnitId)).size).toBeGreaterThan(1);
    const own = await queue('?scope=assigned&status=menunggu&limit=100');
    expect(own.body.items.map((i) => i.ticket)).toContain(ticket);
    expect(new Set(own.body.items.map((i) => i.assignedUnitId))).toEqual(new Set([TRIAGE]));
  });
});

describe.each(testEngines())('a lost vault key, on %s', (engine) => {
  test('reads that need the vault say what is missing (503, both languages) and the log tells the operator', async () => {
    const server = await testServer(engine);
    try {
      const created = await call<Created>(server.url, 'POST', '/api/v1/reports', {
        json: {
          text: 'pohon tumbang',
          lat: -6.1754,
          lng: 106.8272,
          category: 'pohon',
          reporter: { name: 'Ani' },
        },
      });
      expect(created.status).toBe(201);
      const authority = await signInStaff(server, 'kepala.jsc', 'reveal_authority', 'up-jsc');
      const admin = await signInStaff(server, 'admin.vault', 'admin', 'pemprov');
      // the server restarted with another key: the identities were sealed with the old one
      server.ctx.vault = Vault.fromKey(randomBytes(32));
      const asked = await call<{ id: string }>(
        server.url,
        'POST',
        `/api/v1/officer/reports/${created.body.ticket}/reveal-requests`,
        { token: admin, json: { reason: 'Permintaan resmi kepolisian nomor 7/2026 untuk penyidikan' } },
      );
      expect(asked.status, asked.text).toBe(201);
      const decided = await call(
        server.url,
        'POST',
        `/api/v1/officer/reveal-requests/${asked.body.id}/decision`,
        {
          token: authority,
          json: { approve: true },
        },
      );
      expect(decided.status, decided.text).toBe(200);
      const reveal = await call<{ error: { code: string; message: { id: string; en: string } } }>(
        server.url,
        'GET',
        `/api/v1/officer/reveal-requests/${asked.body.id}/identity`,
        { token: admin },
      );
      expect(reveal.status).toBe(503);
      expect(reveal.body.error.code).toBe('vault_key_unavailable');
      expect(reveal.body.error.message.id).toMatch(/kunci brankas.*SIGAP_VAULT_KEY/);
      expect(reveal.body.error.message.en).toMatch(/vault key.*SIGAP_VAULT_KEY/);
      expect(reveal.text).not.toMatch(/at .*\.ts|VaultKeyError/);
      const view = await call(server.url, 'GET', `/api/v1/officer/reports/${created.body.ticket}`, {
        token: admin,
      });
      expect(view.status).toBe(503);
      expect(server.ctx.logLines.join('\n')).toMatch(/identity vault: .*restore the key/);
      expect(server.ctx.logLines.join('\n')).not.toContain('Ani');
    } finally {
      await server.close();
    }
  });
});
