import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/config.js';
import { loadClassifier, trainingExamples } from '../../src/services/model/category-model.js';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// Jl. Medan Merdeka, Kelurahan Gambir, Jakarta Pusat
const GAMBIR = { lat: -6.1754, lng: 106.8272 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())(
  'automatic category, routing explanation and re-categorisation (%s)',
  (engine) => {
    let server: TestServer;
    let officerToken = '';
    let strangerToken = '';
    let gambirUnit = '';

    const officerView = (ticket: string, token = officerToken) =>
      call<Json>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, { token });
    const recategorise = (ticket: string, json: object, token = officerToken) =>
      call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/recategorise`, { json, token });

    beforeAll(async () => {
      server = await testServer(engine);
      gambirUnit = server.ctx.city.city.unitByRegion.get('31.71.01.1001')!;
      officerToken = await signInStaff(server, 'lurah-gambir', 'officer', gambirUnit);
      strangerToken = await signInStaff(server, 'petugas-lain', 'officer', 'pln');
    });
    afterAll(async () => server?.close());

    test('a report without a category is classified, lands at its kelurahan, and the history says why', async () => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: {
          text: 'pohon gede tumbang nutupin jalan, dahannya nimpa kabel, tolong segera dipotong',
          ...GAMBIR,
        },
      });
      expect(created.status).toBe(201);
      const view = await officerView(created.body.ticket);
      expect(view.status).toBe(200);
      expect(view.body.category.code).toBe('pohon');
      expect(view.body.unit.id).toBe(gambirUnit);
      expect(view.body.suggestedUnit.id).toMatch(/pertamanan/);
      const routing = view.body.history[0].routing;
      expect(routing.classification.category).toBe('pohon');
      expect(routing.classification.sure).toBe(true);
      expect(routing.classification.confidence).toBeGreaterThanOrEqual(0.5);
      expect(routing.classification.top3).toHaveLength(3);
      expect(routing.rule).toMatch(/kategori otomatis pohon .*gps → 31\.71\.01\.1001/);

      const citizen = await call<Json>(server.url, 'GET', `/api/v1/reports/${created.body.ticket}`, {
        token: created.body.citizenToken,
      });
      expect(citizen.body.history[0].routing).toBeUndefined();
    });

    test('without GPS and with a vague address, a place named in the complaint routes the report', async () => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: {
          text: 'lampu penerangan jalan di depan Stasiun Manggarai mati semua, gelap gulita tiap malam',
          address: 'dekat stasiun',
          channel: 'web',
        },
      });
      expect(created.status).toBe(201);
      const stored = await server.ctx.store.db
        .selectFrom('report')
        .select(['kelurahan_code', 'category_code'])
        .where('ticket', '=', created.body.ticket)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ kelurahan_code: '31.74.01.1007', category_code: 'penerangan_jalan' });
    });

    test('the reporter’s own category is kept and explained as theirs', async () => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { text: 'pohon tumbang', ...GAMBIR, category: 'jalan' },
      });
      const view = await officerView(created.body.ticket);
      expect(view.body.category.code).toBe('jalan');
      expect(view.body.history[0].routing.classification).toBeNull();
      expect(view.body.history[0].routing.rule).toMatch(/kategori dari pelapor/);
    });

    test('a reporter’s edit asks the model again while the category is still the model’s own, never over theirs', async () => {
      const edit = (ticket: string, token: string, text: string) =>
        call<Json>(server.url, 'PATCH', `/api/v1/reports/${ticket}`, { json: { text }, token });
      const clearer =
        'Lampu penerangan jalan umum di sepanjang jalan ini mati semua sejak minggu lalu, gelap gulita tiap malam';

      const byModel = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { text: 'mohon dibantu pak, sudah lama sekali tidak ada yang peduli', ...GAMBIR },
      });
      const before = await officerView(byModel.body.ticket);
      expect(before.body.category.code).not.toBe('penerangan_jalan');
      expect((await edit(byModel.body.ticket, byModel.body.citizenToken, clearer)).status).toBe(200);
      const after = await officerView(byModel.body.ticket);
      expect(after.body.category.code).toBe('penerangan_jalan');
      expect(after.body.unit.id).toBe(gambirUnit);
      const edited = after.body.history.find((h: Json) => h.type === 'edited');
      expect(edited.toCategory).toBe('penerangan_jalan');
      expect(edited.routing.classification).toMatchObject({ category: 'penerangan_jalan', sure: true });
      expect(edited.routing.rule).toMatch(
        /^diubah pelapor; kategori otomatis penerangan_jalan .*gps → 31\.71\.01\.1001/,
      );

      const theirs = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { text: 'mohon dibantu pak', ...GAMBIR, category: 'jalan' },
      });
      expect((await edit(theirs.body.ticket, theirs.body.citizenToken, clearer)).status).toBe(200);
      const kept = await officerView(theirs.body.ticket);
      expect(kept.body.category.code).toBe('jalan');
      expect(kept.body.history.find((h: Json) => h.type === 'edited').routing).toBeUndefined();
    });

    test('an officer’s correction re-routes the report, is refused when wrong, and trains the next model', async () => {
      const text = 'ada ular sanca masuk ke dapur rumah warga, mohon bantuan evakuasi';
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { text, ...GAMBIR, category: 'lainnya' },
      });
      const ticket = created.body.ticket as string;

      expect((await recategorise(ticket, {})).status).toBe(400);
      expect((await recategorise(ticket, { categoryCode: 'lainnya' })).body.error.code).toBe('same_category');
      const unknown = await recategorise(ticket, { categoryCode: 'ular' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message.id).toMatch(/tidak dikenal/);
      // an officer who may not read the report is told it is not there (as when reading it), not that it is refused
      expect((await recategorise(ticket, { categoryCode: 'kebakaran' }, strangerToken)).status).toBe(404);

      const corrected = await recategorise(ticket, {
        categoryCode: 'kebakaran',
        note: 'Penyelamatan satwa: Damkar',
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.category.code).toBe('kebakaran');
      expect(corrected.body.unit.id).toBe(gambirUnit);
      expect(corrected.body.suggestedUnit.id).toMatch(/gulkarmat/);
      const last = corrected.body.history.at(-1);
      expect(last.type).toBe('recategorised');
      expect(last.note).toBe('Penyelamatan satwa: Damkar');
      expect(last).toMatchObject({ fromCategory: 'lainnya', toCategory: 'kebakaran' });
      expect(last.routing.rule).toMatch(/^kategori diperbaiki petugas → kebakaran; kelurahan laporan → /);

      const { db } = server.ctx.store;
      const stored = await db.selectFrom('labelled_example').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        text,
        category_code: 'kebakaran',
        previous_category_code: 'lainnya',
      });

      const city = server.ctx.city.city;
      const examples = await trainingExamples(city, DEFAULT_CORPUS_DIR, db);
      const corpusOnly = await trainingExamples(city, DEFAULT_CORPUS_DIR, null);
      expect(examples).toHaveLength(corpusOnly.length + 1);
      expect(examples.at(-1)).toMatchObject({ text, category: 'kebakaran' });
      const retrained = await loadClassifier(city, { corpusDir: DEFAULT_CORPUS_DIR, modelDir: null }, db);
      expect(retrained.trained).toBe(true);
      expect(retrained.classifier.version).not.toBe(server.ctx.classifier.version);
    });
  },
);
