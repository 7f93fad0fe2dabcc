import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, photoForm } from '../support/http.js';
import { cameraPhoto } from '../support/synthetic-photos.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const MONAS = { lat: -6.1754, lng: 106.8272 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('evidence flags over HTTP (%s)', (engine) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  async function staff(username: string, role: 'officer' | 'verifier', unitId: string) {
    tokens[username] = await signInStaff(server, username, role, unitId);
  }

  /** A report handled by the kelurahan and followed up with `photo`; returns its ticket and citizen token. */
  async function followedUp(photo: Buffer): Promise<{ ticket: string; citizenToken: string }> {
    const { url } = server;
    const created = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: { text: 'Trotoar rusak dekat halte', ...MONAS, category: 'jalan', private: false },
    });
    const { ticket, citizenToken } = created.body;
    const mine = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    if (!tokens.lurah) await staff('lurah', 'officer', mine.body.unit.id);
    const processing = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: tokens.lurah,
      json: {},
    });
    expect(processing.body.status.code).toBe('proses');
    const done = await call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
      token: tokens.lurah,
      form: photoForm({ note: 'Trotoar sudah diperbaiki' }, [photo]),
    });
    expect(done.status).toBe(200);
    return { ticket, citizenToken };
  }

  beforeAll(async () => {
    server = await testServer(engine);
    await staff('verif', 'verifier', server.ctx.city.city.config.verifierUnitId);
  });
  afterAll(async () => server?.close());

  test('the verifier and the handling unit see reuse flags; the citizen and the public do not', async () => {
    const { url } = server;
    const original = await cameraPhoto(41, { lat: -6.1758, lng: 106.828 });
    const first = await followedUp(original);
    const reused = await followedUp(await sharp(original).resize(320).jpeg({ quality: 55 }).toBuffer());

    // the first report's evidence now carries the other direction, naming the later report
    const firstForVerifier = await call<Json>(url, 'GET', `/api/v1/officer/reports/${first.ticket}`, {
      token: tokens.verif,
    });
    expect(firstForVerifier.body.evidenceFlags).toEqual([
      expect.objectContaining({
        code: 'reused_later_on',
        level: 'warning',
        detail: expect.objectContaining({ ticket: reused.ticket, role: 'evidence', sameFile: false }),
      }),
    ]);
    expect(firstForVerifier.body.evidenceFlags[0].message.id).toContain(reused.ticket);
    expect(firstForVerifier.body.evidenceFlags[0].message.en).toContain(reused.ticket);

    for (const who of ['verif', 'lurah']) {
      const view = await call<Json>(url, 'GET', `/api/v1/officer/reports/${reused.ticket}`, {
        token: tokens[who],
      });
      expect(view.status).toBe(200);
      const flag = view.body.evidenceFlags.find((f: Json) => f.code === 'similar_photo');
      expect(flag, who).toMatchObject({
        level: 'warning',
        detail: { ticket: first.ticket, role: 'evidence' },
      });
      expect(flag.message.id).toContain(first.ticket);
      expect(flag.message.en).toContain(first.ticket);
      expect(Date.parse(flag.flaggedAt)).not.toBeNaN();
    }

    for (const [report, other] of [
      [reused, first],
      [first, reused],
    ] as const) {
      const citizen = await call<Json>(url, 'GET', `/api/v1/reports/${report.ticket}`, {
        token: report.citizenToken,
      });
      expect(citizen.status).toBe(200);
      expect(citizen.body).not.toHaveProperty('evidenceFlags');
      expect(citizen.text).not.toContain(other.ticket);
      const anyone = await call<Json>(url, 'GET', `/api/v1/reports/${report.ticket}`);
      expect(anyone.status).toBe(200);
      expect(anyone.body).not.toHaveProperty('evidenceFlags');
      expect(anyone.text).not.toContain(other.ticket);
    }
  });

  test('the verifier who approved reused evidence reads and clears their notice; nobody else sees it', async () => {
    const { url } = server;
    const unit = server.ctx.city.city.config.verifierUnitId;
    if (!tokens.approver) await staff('approver', 'verifier', unit);
    if (!tokens.colleague) await staff('colleague', 'verifier', unit);
    const original = await cameraPhoto(42, { lat: -6.1758, lng: 106.828 });
    const first = await followedUp(original);
    const approved = await call<Json>(url, 'POST', `/api/v1/officer/reports/${first.ticket}/approve`, {
      token: tokens.approver,
      json: {},
    });
    expect(approved.body.status.code).toBe('selesai');
    const none = await call<Json>(url, 'GET', '/api/v1/officer/notices', { token: tokens.approver });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });

    const reused = await followedUp(await sharp(original).resize(360).jpeg({ quality: 50 }).toBuffer());
    const mine = await call<Json>(url, 'GET', '/api/v1/officer/notices', { token: tokens.approver });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const notice = mine.body.items[0];
    expect(notice).toMatchObject({
      kind: 'approved_evidence_reused',
      ticket: first.ticket,
      otherTicket: reused.ticket,
      detail: { ticket: reused.ticket, sameFile: false },
      readAt: null,
    });
    expect(notice.message.id).toContain(reused.ticket);
    expect(notice.message.en).toContain(first.ticket);
    expect(Date.parse(notice.createdAt)).not.toBeNaN();

    // signed out: 401; someone else's notice, or none at all: 404; a malformed id: 400
    const path = `/api/v1/officer/notices/${notice.id}/read`;
    expect((await call(url, 'GET', '/api/v1/officer/notices')).status).toBe(401);
    expect((await call(url, 'POST', path)).status).toBe(401);
    for (const who of ['colleague', 'verif', 'lurah']) {
      const theirs = await call<Json>(url, 'GET', '/api/v1/officer/notices', { token: tokens[who] });
      expect(
        theirs.body.items.map((n: Json) => n.id),
        who,
      ).not.toContain(notice.id);
      const denied = await call<Json>(url, 'POST', path, { token: tokens[who] });
      expect(denied.status, who).toBe(404);
      expect(denied.body.error.message.en).toBeTruthy();
    }
    const unknown = `/api/v1/officer/notices/00000000-0000-4000-8000-000000000000/read`;
    expect((await call(url, 'POST', unknown, { token: tokens.approver })).status).toBe(404);
    expect(
      (await call(url, 'POST', '/api/v1/officer/notices/nope/read', { token: tokens.approver })).status,
    ).toBe(400);

    const withBody = await call(url, 'POST', path, {
      token: tokens.approver,
      json: { readAt: '2020-01-01' },
    });
    expect(withBody.status).toBe(400);
    const read = await call<Json>(url, 'POST', path, { token: tokens.approver, json: {} });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: notice.id, ticket: first.ticket, otherTicket: reused.ticket });
    expect(Date.parse(read.body.readAt)).not.toBeNaN();
    const again = await call<Json>(url, 'POST', path, { token: tokens.approver });
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await call<Json>(url, 'GET', '/api/v1/officer/notices', { token: tokens.approver });
    expect(after.body.items).toEqual([]);
  });

  test('the OpenAPI document describes the flags on the staff report view', async () => {
    const doc = await call<Json>(server.url, 'GET', '/openapi.json');
    // the views are named components of the document (#/components/schemas/…)
    const named = (schema: Json): Json =>
      schema.$ref ? doc.body.components.schemas[schema.$ref.split('/').at(-1)] : schema;
    const schema = named(
      doc.body.paths['/api/v1/officer/reports/{ticket}'].get.responses['200'].content['application/json']
        .schema,
    );
    expect(named(schema.properties.evidenceFlags.items).properties.code.enum).toEqual(
      expect.arrayContaining([
        'similar_photo',
        'duplicate_file',
        'taken_before_report',
        'generator_software',
        'reused_later_on',
      ]),
    );
    expect(doc.body.paths).toHaveProperty(['/api/v1/officer/notices']);
    expect(doc.body.paths).toHaveProperty(['/api/v1/officer/notices/{id}/read']);
  });
});
