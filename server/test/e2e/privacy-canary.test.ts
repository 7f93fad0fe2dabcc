import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modelFilePath } from '../../src/classify/model-cache.js';
import { DEFAULT_CORPUS_DIR } from '../../src/config.js';
import { loadClassifier } from '../../src/services/model/category-model.js';
import { handleTextMessage } from '../../src/services/channels/text-conversation.js';
import { submit } from '../../src/services/intake/intake.js';
import { exportBackup } from '../../src/store/backup.js';
import { call, phonePhoto, photoForm } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { itemOf, openSse } from '../support/sse.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANARY = {
  name: 'Kemuning Zqxwvutami',
  phone: '0812-9988-7766',
  email: 'kemuning.zqxw@contoh.id',
  nik: '3171015501900007',
};
/** Every form in which the canary could leak. */
const NEEDLES = ['Zqxwvutami', '99887766', '9988-7766', 'zqxw@', '3171015501900007', '5501900007'];

/** A second reporter whose every name part is distinctive, written into everything a reporter can write. */
const CANARY_2 = {
  name: 'Pramudya Qorvexandoro',
  phone: '+62 812-7733-4411',
  email: 'pramudya.qorv@contoh.id',
  nik: '3174062304880003',
};
/** Lower-case: the model's vocabulary is lower-cased (and stemmed: the cores of the name parts are checked). */
const NEEDLES_2 = [
  'pramudya qorvexandoro',
  'pramudy',
  'qorvexandor',
  '77334411',
  '7733-4411',
  '7733 4411',
  '7733.4411',
  'pramudya.qorv',
  '3174062304880003',
  '2304880003',
];
/** The phone in the ways people write it. */
const PHONE_FORMS = [
  '+62 812-7733-4411',
  '081277334411',
  '62812 7733 4411',
  '0812.7733.4411',
  '(0812) 7733-4411',
];
const leaks = (haystack: string) => NEEDLES_2.filter((needle) => haystack.toLowerCase().includes(needle));

/**
 * Backup columns that hold the reporter's own words as written (the reporter reads them back; the backup can be
 * encrypted, docs/SECURITY.md): everything else in a backup must hold none of the canary.
 */
const OWN_WORDS: Record<string, string[]> = {
  report: ['text', 'words', 'address', 'rating_comment'],
  report_event: ['note', 'body'],
  reporter_identity: ['sealed'],
};

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
    // the monitoring room watches the live feed from before the report arrives
    const watcher = await signInStaff(server, 'pantau', 'admin', 'pemprov');
    const live = await openSse(`${url}/api/v1/live`, { authorization: `Bearer ${watcher}` });
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

    await live.waitFor((e) => e.event === 'report' && itemOf(e).status === 'digabung');
    live.close();
    seen.push(...live.events.map((e) => `live → ${e.data}`));
    expect((await get('/api/v1/kpi/city', watcher)).status).toBe(200);
    expect((await get('/api/v1/kpi/unit', officer)).status).toBe(200);
    // the monitoring room's own account: what it may read, and what it is refused
    const wall = await signInStaff(server, 'layar', 'monitor', ctx.city.city.config.verifierUnitId);
    expect((await get('/api/v1/kpi/city', wall)).status).toBe(200);
    expect((await get(`/api/v1/kpi/unit?unit=${unitId}`, wall)).status).toBe(200);
    expect((await get(`/api/v1/officer/reports/${ticket}`, wall)).status).toBe(403);

    const everything = [...seen, ...ctx.logLines].join('\n');
    for (const needle of NEEDLES) expect(everything, `leaked "${needle}"`).not.toContain(needle);
    expect(everything).toContain(`live → {"id":`);
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
        text: 'Lampu PJU mati, rumah Bu Kemuning gelap. Salam, Zqxwvutami',
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
      json: { rating: 5, comment: `Terima kasih, Kemuning (${CANARY.phone}) puas` },
    });
    expect(rated.status, rated.text).toBe(200);

    const staffView = await get(`/api/v1/officer/reports/${ticket}`, officer);
    const publicView = await get(`/api/v1/reports/${ticket}`);
    for (const view of [staffView, publicView]) {
      expect(view.text).not.toMatch(/Kemuning|Zqxwvutami|9988/);
      expect(view.text).toContain(OFFICE_PHONE);
    }
    // the phone pattern takes the opening bracket with the number
    expect(staffView.body.ratingComment).toMatch(/^Terima kasih, \[disamarkan\] \(?\[disamarkan\]\) puas$/);
    expect(staffView.body.text).toBe('Lampu PJU mati, rumah Bu [disamarkan] gelap. Salam, [disamarkan]');
    const own = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(own.text).toContain(OFFICE_PHONE);
  });

  test('a reporter’s full name, first name, surname, phone in any form, NIK and e-mail, written into the text, an edit, the rating and a reopening, reach no staff or public view, labelled example, model file, log or backup', async () => {
    const { url, ctx } = server;
    const phones = PHONE_FORMS.join(', ');
    const text =
      `Nama saya ${CANARY_2.name}, hp ${phones}, NIK ${CANARY_2.nik}, surel ${CANARY_2.email}. ` +
      `Pohon besar tumbang menutup jalan depan rumah Pramudya; keluarga Qorvexandoro tidak bisa keluar.`;
    const created = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: {
        text,
        lat: -6.1754,
        lng: 106.8272,
        category: 'sampah',
        private: false,
        reporter: { ...CANARY_2, phone: '0812-7733-4411' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const { ticket, citizenToken } = created.body;
    const edited = await call<Json>(url, 'PATCH', `/api/v1/reports/${ticket}`, {
      token: citizenToken,
      json: { text: `${text} Tambahan dari Pramudya: hubungi 6281277334411 kapan saja` },
    });
    expect(edited.status, edited.text).toBe(200);
    const unitId = edited.body.unit.id;
    const officer = await signInStaff(server, 'lurah.ketiga', 'officer', unitId);
    const verifier = await signInStaff(server, 'verif.ketiga', 'verifier', 'biro-pemerintahan');
    const act = async (token: string, action: string, json: Json) => {
      const reply = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/${action}`, {
        token,
        json,
      });
      seen.push(reply.text);
      expect(reply.status, `${action}: ${reply.text}`).toBe(200);
      return reply;
    };
    // officers' notes may name the reporter too
    await act(officer, 'recategorise', { categoryCode: 'pohon', note: 'Kata Qorvexandoro ini soal pohon' });
    await act(officer, 'process', { note: 'Tim menuju lokasi; Pramudya dihubungi di 0812-7733-4411' });
    const followUp = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
      token: officer,
      form: photoForm({ note: 'Pohon sudah dipotong dan diangkut' }, [await phonePhoto(13)]),
    });
    expect(followUp.status, followUp.text).toBe(200);
    await act(verifier, 'approve', {});
    const citizen = async (action: string, json: Json) => {
      const reply = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/${action}`, {
        token: citizenToken,
        json,
      });
      expect(reply.status, `${action}: ${reply.text}`).toBe(200);
    };
    await citizen('rating', {
      rating: 2,
      comment: `Qorvexandoro kecewa; Pramudya menunggu di 0812 7733 4411`,
    });
    const rated = await get(`/api/v1/officer/reports/${ticket}`, officer);
    expect(rated.body.ratingComment).toMatch(
      /^\[disamarkan\] kecewa; \[disamarkan\] menunggu di \[disamarkan\]$/,
    );
    await get(`/api/v1/reports/${ticket}`);
    await citizen('reopen', {
      reason: `Dahan masih di jalan, kata Pramudya (${CANARY_2.email}, 62812-7733-4411)`,
    });

    // staff: the report, the queue; the public: the report, the feed
    const staffView = await get(`/api/v1/officer/reports/${ticket}`, officer);
    expect(staffView.status).toBe(200);
    expect(staffView.body.history.map((h: Json) => h.type)).toContain('reopened');
    await get('/api/v1/officer/queue', officer);
    const publicView = await get(`/api/v1/reports/${ticket}`);
    expect(publicView.body.text).toContain('Pohon besar tumbang');
    await get('/api/v1/public/reports');
    expect(leaks(seen.join('\n')), 'staff and public responses').toEqual([]);

    // The same reporter files again, also in the wrong category: a word needs two examples to enter the model's
    // vocabulary, and the name, the phone and the e-mail are in both.
    const again = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: {
        text: `Saya Pramudya Qorvexandoro lagi (${CANARY_2.phone}, ${CANARY_2.email}): pohon tumbang lagi di gang sebelah`,
        lat: -6.1754,
        lng: 106.8272,
        category: 'sampah',
        private: true,
        reporter: CANARY_2,
      },
    });
    expect(again.status, again.text).toBe(201);
    const secondOfficer = await signInStaff(
      server,
      'lurah.keempat',
      'officer',
      (
        await call<Json>(url, 'GET', `/api/v1/reports/${again.body.ticket}`, {
          token: again.body.citizenToken,
        })
      ).body.unit.id,
    );
    const recategorised = await call<Json>(
      url,
      'POST',
      `/api/v1/officer/reports/${again.body.ticket}/recategorise`,
      {
        token: secondOfficer,
        json: { categoryCode: 'pohon' },
      },
    );
    seen.push(recategorised.text);
    expect(recategorised.status, recategorised.text).toBe(200);

    // the labelled examples the recategorisations wrote, and the model trained on them
    const examples = await ctx.store.db.selectFrom('labelled_example').selectAll().execute();
    const mine = examples.filter(
      (e) => e.category_code === 'pohon' && /Pohon besar tumbang|pohon tumbang lagi/.test(e.text),
    );
    expect(mine).toHaveLength(2);
    expect(leaks(JSON.stringify(examples)), 'labelled_example').toEqual([]);
    const modelDir = await mkdtemp(path.join(os.tmpdir(), 'sigap-canary-model-'));
    try {
      const model = await loadClassifier(
        ctx.city.city,
        { corpusDir: DEFAULT_CORPUS_DIR, modelDir },
        ctx.store.db,
      );
      expect(model.trained).toBe(true);
      const file = await readFile(modelFilePath(modelDir), 'utf8');
      expect(file).toContain('tumbang');
      expect(leaks(file), 'model file').toEqual([]);
    } finally {
      await rm(modelDir, { recursive: true, force: true });
    }

    expect(leaks(ctx.logLines.join('\n')), 'log lines').toEqual([]);

    // a backup: nothing of the canary outside the reporter's own words
    const backupDir = await mkdtemp(path.join(os.tmpdir(), 'sigap-canary-backup-'));
    try {
      const file = path.join(backupDir, 'backup.jsonl.gz');
      await exportBackup(ctx.store.db, file);
      const lines = gunzipSync(await readFile(file))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .slice(1);
      const rest = lines.map((line) => {
        const { t, r } = JSON.parse(line) as { t: string; r: Json };
        for (const column of OWN_WORDS[t] ?? []) delete r[column];
        return `${t} ${JSON.stringify(r)}`;
      });
      expect(rest.join('\n')).toContain('Pohon besar tumbang');
      expect(leaks(rest.join('\n')), 'backup outside the reporter’s own words').toEqual([]);
    } finally {
      await rm(backupDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('a sender’s channel handle (a number, a page-scoped or Instagram id, an X user id, an address) reaches no officer view, queue, public feed, log line or backup', async () => {
    const { ctx, url } = server;
    const senders = [
      { channel: 'whatsapp', from: { kind: 'phone' as const, value: '6281244556677' }, needle: '44556677' },
      {
        channel: 'facebook',
        from: { kind: 'handle' as const, value: '7788990011223344' },
        needle: '7788990011223344',
      },
      {
        channel: 'instagram',
        from: { kind: 'handle' as const, value: '1357924680135792' },
        needle: '1357924680135792',
      },
      {
        channel: 'twitter',
        from: { kind: 'handle' as const, value: '1503927399990001' },
        needle: '1503927399990001',
      },
      { channel: 'telegram', from: { kind: 'handle' as const, value: '918273645' }, needle: '918273645' },
    ];
    const tickets: string[] = [];
    for (const [i, sender] of senders.entries()) {
      await handleTextMessage(ctx, {
        channel: sender.channel,
        messageId: `kanari-${i}`,
        from: sender.from,
        text: `LAPOR Lampu jalan mati nomor ${i + 1} di Jalan Tebet Raya`,
        raw: { from: sender.from.value, note: 'payload as delivered' },
      });
      // a location and a follow-up naming nothing also go through the sender's handle
      await handleTextMessage(ctx, {
        channel: sender.channel,
        messageId: `kanari-${i}-lokasi`,
        from: sender.from,
        text: '',
        raw: { from: sender.from.value },
        location: { lat: -6.2253, lng: 106.8545 },
      });
      const row = await ctx.store.db
        .selectFrom('inbound_message as m')
        .innerJoin('report as r', 'r.id', 'm.report_id')
        .select('r.ticket')
        .where('m.external_id', '=', `kanari-${i}`)
        .executeTakeFirstOrThrow();
      tickets.push(row.ticket);
    }
    const mail = await submit(ctx, {
      channel: 'email',
      externalId: '<kanari@contoh.id>',
      sender: { kind: 'email', value: 'surel.kanari.zq@contoh.id' },
      raw: null,
      report: { text: 'Lampu jalan mati di Jalan Tebet Raya', private: true },
      uploads: [],
      citizenToken: null,
      intent: 'new',
    });
    tickets.push(mail.ticket);
    const needles = [...senders.map((s) => s.needle), 'surel.kanari.zq'];
    const outputs: string[] = [];
    for (const ticket of tickets) {
      const unit = await ctx.store.db
        .selectFrom('report')
        .select('assigned_unit_id')
        .where('ticket', '=', ticket)
        .executeTakeFirstOrThrow();
      const officer = await signInStaff(server, `petugas.kanal.${ticket}`, 'officer', unit.assigned_unit_id!);
      outputs.push((await call(url, 'GET', `/api/v1/officer/reports/${ticket}`, { token: officer })).text);
      outputs.push((await call(url, 'GET', '/api/v1/officer/queue', { token: officer })).text);
    }
    outputs.push((await call(url, 'GET', '/api/v1/public/reports')).text);
    outputs.push(ctx.logLines.join('\n'));
    const backupDir = await mkdtemp(path.join(os.tmpdir(), 'sigap-canary-channels-'));
    try {
      const file = path.join(backupDir, 'backup.jsonl.gz');
      await exportBackup(ctx.store.db, file);
      outputs.push(gunzipSync(await readFile(file)).toString('utf8'));
    } finally {
      await rm(backupDir, { recursive: true, force: true });
    }
    const everything = outputs.join('\n');
    expect(everything).toContain(tickets[0]);
    expect(needles.filter((needle) => everything.includes(needle))).toEqual([]);
  }, 120_000);

  test('the identity is stored only as authenticated ciphertext', async () => {
    const rows = await server.ctx.store.db.selectFrom('reporter_identity').select('sealed').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      for (const needle of NEEDLES) expect(Buffer.from(row.sealed).includes(needle)).toBe(false);
  });
});
