import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, phonePhoto, photoForm } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANARY = {
  name: 'Kenanga Zqxwvutami',
  phone: '0812-9988-7766',
  email: 'kenanga.zqxw@contoh.id',
  nik: '3171015501900007',
};
/** Every form in which the canary could leak. */
const NEEDLES = ['Zqxwvutami', '99887766', '9988-7766', 'zqxw@', '3171015501900007', '5501900007'];

describe.each(testEngines())('privacy canary (%s)', (engine) => {
  let server: TestServer;
  const seen: string[] = [];
  const get = async (path: string, token?: string) => {
    const reply = await call<Json>(server.url, 'GET', path, { token });
    seen.push(`${path} → ${reply.text}`);
    return reply;
  };

  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(async () => server?.close());

  test('a reporter’s name, phone, e-mail and NIK reach no officer, public response or log line', async () => {
    const { url, ctx } = server;
    const form = photoForm(
      {
        payload: JSON.stringify({
          text: `Saya ${CANARY.name} (hp ${CANARY.phone}, ${CANARY.email}) melapor: pohon tumbang menutup jalan`,
          lat: -6.1754,
          lng: 106.8272,
          category: 'pohon',
          private: false,
          reporter: CANARY,
        }),
      },
      [await phonePhoto(7)],
    );
    const created = await call<Json>(url, 'POST', '/api/v1/reports', { form });
    expect(created.status, created.text).toBe(201);
    const { ticket, citizenToken } = created.body;

    // the reporter sees their own text
    const own = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(own.body.text).toContain(CANARY.name);

    const unitId = own.body.unit.id;
    const officer = await signInStaff(server, 'lurah', 'officer', unitId);
    const authority = await signInStaff(
      server,
      'jsc',
      'reveal_authority',
      ctx.city.city.config.revealAuthorityUnitId,
    );

    const detail = await get(`/api/v1/officer/reports/${ticket}`, officer);
    expect(detail.status).toBe(200);
    expect(detail.body.reporter.pseudonym).toMatch(/^Warga-[0-9A-F]{6}$/);
    await get('/api/v1/officer/queue', officer);
    const acted = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: officer,
      json: { note: 'Segera ditangani' },
    });
    seen.push(acted.text);
    await get(`/api/v1/reports/${ticket}`);
    await get('/api/v1/public/reports');
    await get('/api/v1/public/stats');
    for (const a of detail.body.attachments as Json[]) {
      const media = await fetch(`${url}${a.url}`, { headers: { authorization: `Bearer ${officer}` } });
      const bytes = Buffer.from(await media.arrayBuffer());
      expect(bytes.includes('CanaryPhone')).toBe(false);
    }

    // A second citizen reports the same fallen tree: the "laporan serupa" listings on both sides, the merge, and
    // the second citizen's view of the canary's report (which their report was merged into) carry no canary.
    const second = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: { text: 'Pohon tumbang melintang di jalan', lat: -6.1754, lng: 106.8272, category: 'pohon' },
    });
    expect(second.status, second.text).toBe(201);
    const secondView = await get(`/api/v1/officer/reports/${second.body.ticket}`, officer);
    expect(secondView.body.similar.map((s: Json) => s.ticket)).toEqual([ticket]);
    const canaryView = await get(`/api/v1/officer/reports/${ticket}`, officer);
    expect(canaryView.body.similar.map((s: Json) => s.ticket)).toEqual([second.body.ticket]);
    const merged = await call<Json>(url, 'POST', `/api/v1/officer/reports/${second.body.ticket}/merge`, {
      token: officer,
      json: { intoTicket: ticket },
    });
    seen.push(merged.text);
    expect(merged.status, merged.text).toBe(200);
    const followed = await get(`/api/v1/reports/${second.body.ticket}`, second.body.citizenToken);
    expect(followed.body.mergedInto.ticket).toBe(ticket);
    expect(followed.body.mergedInto.progress.text).toContain('pohon tumbang');

    const everything = [...seen, ...ctx.logLines].join('\n');
    for (const needle of NEEDLES) expect(everything, `leaked "${needle}"`).not.toContain(needle);
    // the public feed really did include the report, redacted
    expect(seen.join('\n')).toContain(ticket);
    expect(seen.join('\n')).toContain('[disamarkan]');

    // dual control: the officer asks with a reason, the authorised official approves, only the officer sees it
    const asked = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/reveal-requests`, {
      token: officer,
      json: { reason: 'Perlu konfirmasi lokasi pohon dari pelapor langsung' },
    });
    expect(asked.status, asked.text).toBe(201);
    const early = await get(`/api/v1/officer/reveal-requests/${asked.body.id}/identity`, officer);
    expect(early.status).toBe(409);
    const selfApproval = await call<Json>(
      url,
      'POST',
      `/api/v1/officer/reveal-requests/${asked.body.id}/decision`,
      {
        token: officer,
        json: { approve: true },
      },
    );
    expect(selfApproval.status).toBe(403);
    const approved = await call<Json>(
      url,
      'POST',
      `/api/v1/officer/reveal-requests/${asked.body.id}/decision`,
      {
        token: authority,
        json: { approve: true },
      },
    );
    expect(approved.status, approved.text).toBe(200);
    expect((await get(`/api/v1/officer/reveal-requests/${asked.body.id}/identity`, authority)).status).toBe(
      403,
    );
    const revealed = await get(`/api/v1/officer/reveal-requests/${asked.body.id}/identity`, officer);
    expect(revealed.status).toBe(200);
    expect(revealed.body.identity.nik).toBe(CANARY.nik);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'identity_revealed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject).toBe(ticket);
    // the reporter is told which office saw them and why
    const told = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(told.body.identityReveals).toMatchObject([
      { office: { id: unitId }, reason: 'Perlu konfirmasi lokasi pohon dari pelapor langsung' },
    ]);
    // the log still holds nothing of the identity after the reveal
    for (const needle of NEEDLES) expect(ctx.logLines.join('\n')).not.toContain(needle);
  });

  test('a first name or surname alone, and the rating comment, are masked; an officer’s own number is not', async () => {
    const { url } = server;
    const created = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: {
        text: 'Lampu PJU mati, rumah Bu Kenanga gelap. Salam, Zqxwvutami',
        lat: -6.1754,
        lng: 106.8272,
        category: 'penerangan_jalan',
        private: false,
        reporter: CANARY,
      },
    });
    expect(created.status, created.text).toBe(201);
    const { ticket, citizenToken } = created.body;
    const unitId = (await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken })).body
      .unit.id;
    const officer = await signInStaff(server, 'lurah.kedua', 'officer', unitId);
    const verifier = await signInStaff(server, 'verif.kedua', 'verifier', 'biro-pemerintahan');
    const act = (token: string, action: string, json: Json) =>
      call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/${action}`, { token, json });
    const OFFICE_PHONE = '0813-4455-6677';
    expect((await act(officer, 'process', { note: `Hubungi posko kami di ${OFFICE_PHONE}` })).status).toBe(
      200,
    );
    const followUp = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
      token: officer,
      form: photoForm({ note: `Lampu diganti; warga ${CANARY.phone} sudah dikabari` }, [
        await phonePhoto(11),
      ]),
    });
    expect(followUp.status, followUp.text).toBe(200);
    expect((await act(verifier, 'approve', {})).status).toBe(200);
    const rated = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/rating`, {
      token: citizenToken,
      json: { rating: 5, comment: `Terima kasih, Kenanga (${CANARY.phone}) puas` },
    });
    expect(rated.status, rated.text).toBe(200);

    const staffView = await get(`/api/v1/officer/reports/${ticket}`, officer);
    const publicView = await get(`/api/v1/reports/${ticket}`);
    for (const view of [staffView, publicView]) {
      expect(view.text).not.toMatch(/Kenanga|Zqxwvutami|9988/);
      expect(view.text).toContain(OFFICE_PHONE);
    }
    // the phone pattern takes the opening bracket with the number
    expect(staffView.body.ratingComment).toMatch(/^Terima kasih, \[disamarkan\] \(?\[disamarkan\]\) puas$/);
    expect(staffView.body.text).toBe('Lampu PJU mati, rumah Bu [disamarkan] gelap. Salam, [disamarkan]');
    const own = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(own.text).toContain(OFFICE_PHONE);
  });

  test('the identity is stored only as authenticated ciphertext', async () => {
    const rows = await server.ctx.store.db.selectFrom('reporter_identity').select('sealed').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      for (const needle of NEEDLES) expect(Buffer.from(row.sealed).includes(needle)).toBe(false);
  });
});
