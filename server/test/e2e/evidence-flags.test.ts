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

    const firstForVerifier = await call<Json>(url, 'GET', `/api/v1/officer/reports/${first.ticket}`, {
      token: tokens.verif,
    });
    expect(firstForVerifier.body.evidenceFlags).toEqual([]);

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

    const citizen = await call<Json>(url, 'GET', `/api/v1/reports/${reused.ticket}`, {
      token: reused.citizenToken,
    });
    expect(citizen.status).toBe(200);
    expect(citizen.body).not.toHaveProperty('evidenceFlags');
    expect(citizen.text).not.toContain(first.ticket);
    const anyone = await call<Json>(url, 'GET', `/api/v1/reports/${reused.ticket}`);
    expect(anyone.status).toBe(200);
    expect(anyone.body).not.toHaveProperty('evidenceFlags');
    expect(anyone.text).not.toContain(first.ticket);
  });

  test('the OpenAPI document describes the flags on the staff report view', async () => {
    const doc = await call<Json>(server.url, 'GET', '/openapi.json');
    const schema =
      doc.body.paths['/api/v1/officer/reports/{ticket}'].get.responses['200'].content['application/json']
        .schema;
    expect(schema.properties.evidenceFlags.items.properties.code.enum).toEqual(
      expect.arrayContaining([
        'similar_photo',
        'duplicate_file',
        'taken_before_report',
        'generator_software',
      ]),
    );
  });
});
