import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  deactivateStaffAccount,
  reactivateStaffAccount,
} from '../../src/services/identity/staff-accounts.js';
import { findAccount } from '../../src/store/people-repository.js';
import { call } from '../support/http.js';
import { signInStaff, STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// Staff accounts administered over the API: a temporary password shown once, which its holder must replace
// before anything else; a reset or a deactivation ends the account's sessions; never the last administrator;
// every step in the audit trail and no password in it or in the log.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('staff accounts administered over the API (%s)', (engine) => {
  let server: TestServer;
  let admin = '';
  let officer = '';
  let tebet = '';
  let adminId = '';

  const as = (token: string, method: string, path: string, json?: unknown) =>
    call<Json>(server.url, method, path, { token, ...(json !== undefined ? { json } : {}) });
  const signIn = (username: string, password: string) =>
    call<Json>(server.url, 'POST', '/api/v1/auth/login', { json: { username, password } });

  beforeAll(async () => {
    server = await testServer(engine);
    tebet = server.ctx.city.city.unitByRegion.get('31.74.01.1001')!;
    admin = await signInStaff(server, 'admin-akun', 'admin', 'crm-triage');
    officer = await signInStaff(server, 'petugas-akun', 'officer', tebet);
    adminId = (await as(admin, 'GET', '/api/v1/auth/me')).body.user.id;
  });
  afterAll(async () => server?.close());

  test('a new account gets a temporary password once; its holder must choose their own before anything else', async () => {
    const response = await fetch(`${server.url}/api/v1/admin/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'lurah.baru',
        displayName: 'Lurah Baru',
        role: 'officer',
        unitId: tebet,
      }),
    });
    const made = { status: response.status, body: (await response.json()) as Json };
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const temporary: string = made.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(made.body.account).toMatchObject({
      username: 'lurah.baru',
      unitId: tebet,
      unitName: server.ctx.city.city.units.get(tebet)!.name,
      mustChangePassword: true,
      active: true,
    });

    const session = await signIn('lurah.baru', temporary);
    expect(session.status).toBe(200);
    expect(session.body.user.mustChangePassword).toBe(true);
    const token: string = session.body.token;
    const queue = await as(token, 'GET', '/api/v1/officer/queue');
    expect(queue.status).toBe(403);
    expect(queue.body.error.code).toBe('password_change_required');
    expect(queue.body.error.message.id).toMatch(/sementara/);
    expect((await as(token, 'GET', '/api/v1/auth/me')).status).toBe(200);

    const wrong = await as(token, 'POST', '/api/v1/auth/password', {
      currentPassword: 'bukan-ini-sandinya',
      newPassword: 'sandi-pilihan-saya-sendiri',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_password');
    const short = await as(token, 'POST', '/api/v1/auth/password', {
      currentPassword: temporary,
      newPassword: 'pendek',
    });
    expect(short.body.error.code).toBe('weak_password');
    const same = await as(token, 'POST', '/api/v1/auth/password', {
      currentPassword: temporary,
      newPassword: temporary,
    });
    expect(same.body.error.code).toBe('same_password');
    const chosen = await as(token, 'POST', '/api/v1/auth/password', {
      currentPassword: temporary,
      newPassword: 'sandi-pilihan-saya-sendiri',
    });
    expect(chosen.status, chosen.text).toBe(200);
    expect((await as(token, 'GET', '/api/v1/officer/queue')).status).toBe(200);
    expect((await signIn('lurah.baru', temporary)).status).toBe(401);
    expect((await signIn('lurah.baru', 'sandi-pilihan-saya-sendiri')).status).toBe(200);

    // no password anywhere in the trail or the log
    const trail = await as(admin, 'GET', '/api/v1/admin/audit?limit=200');
    const actions = trail.body.items.map((e: Json) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user_created', 'password_changed', 'password_change_refused']),
    );
    for (const secret of [temporary, 'sandi-pilihan-saya-sendiri']) {
      expect(trail.text).not.toContain(secret);
      expect(server.ctx.logLines.join('\n')).not.toContain(secret);
    }
  });

  test('a reset gives a new temporary password and ends every session of the account', async () => {
    const made = await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'verif.lupa',
      displayName: 'Verifikator Lupa',
      role: 'verifier',
      unitId: server.ctx.city.city.config.verifierUnitId,
    });
    const first = (await signIn('verif.lupa', made.body.temporaryPassword)).body.token as string;
    const reset = await as(admin, 'POST', `/api/v1/admin/accounts/${made.body.account.id}/reset-password`);
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body.sessionsEnded).toBe(1);
    expect(reset.body.temporaryPassword).not.toBe(made.body.temporaryPassword);
    expect((await as(first, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await signIn('verif.lupa', made.body.temporaryPassword)).status).toBe(401);
    const again = await signIn('verif.lupa', reset.body.temporaryPassword);
    expect(again.body.user.mustChangePassword).toBe(true);
  });

  test('role and unit changes, deactivation (sessions end, sign-in refused) and reactivation', async () => {
    const made = await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'pindah.unit',
      displayName: 'Petugas Pindah',
      role: 'officer',
      unitId: tebet,
    });
    const id: string = made.body.account.id;
    const changed = await as(admin, 'PATCH', `/api/v1/admin/accounts/${id}`, {
      unitId: 'crm-triage',
      displayName: 'Petugas Triase',
    });
    expect(changed.body).toMatchObject({
      unitId: 'crm-triage',
      unitName: server.ctx.city.city.units.get('crm-triage')!.name,
      displayName: 'Petugas Triase',
      role: 'officer',
    });
    const unknownUnit = await as(admin, 'PATCH', `/api/v1/admin/accounts/${id}`, { unitId: 'unit-khayalan' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.message.id).toMatch(/tidak dikenal/);

    const token = (await signIn('pindah.unit', made.body.temporaryPassword)).body.token as string;
    const off = await as(admin, 'POST', `/api/v1/admin/accounts/${id}/deactivate`, { reason: 'pensiun' });
    expect(off.status, off.text).toBe(200);
    expect(off.body.active).toBe(false);
    expect(off.body.deactivatedAt).toEqual(expect.any(String));
    expect((await as(token, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await signIn('pindah.unit', made.body.temporaryPassword)).status).toBe(401);
    const listed = await as(admin, 'GET', '/api/v1/admin/accounts?active=false');
    expect(listed.body.items.map((a: Json) => a.username)).toContain('pindah.unit');

    const on = await as(admin, 'POST', `/api/v1/admin/accounts/${id}/reactivate`);
    expect(on.body).toMatchObject({ active: true, deactivatedAt: null });
    expect((await signIn('pindah.unit', made.body.temporaryPassword)).status).toBe(200);
  });

  test('never oneself, never the last administrator; officers may not administer', async () => {
    const self = await as(admin, 'POST', `/api/v1/admin/accounts/${adminId}/deactivate`, {
      reason: 'coba saja',
    });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('own_account');
    const ownRole = await as(admin, 'PATCH', `/api/v1/admin/accounts/${adminId}`, { role: 'officer' });
    expect(ownRole.body.error.code).toBe('own_role');

    // a second administrator may not deactivate the first when the first is the only other one left active
    const second = await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'admin.kedua',
      displayName: 'Admin Kedua',
      role: 'admin',
      unitId: 'crm-triage',
    });
    const secondSession = (await signIn('admin.kedua', second.body.temporaryPassword)).body.token as string;
    await as(secondSession, 'POST', '/api/v1/auth/password', {
      currentPassword: second.body.temporaryPassword,
      newPassword: 'admin-kedua-sandi-baru',
    });
    const others = (await as(admin, 'GET', '/api/v1/admin/accounts?role=admin&active=true')).body
      .items as Json[];
    for (const other of others.filter((a) => a.id !== adminId && a.username !== 'admin.kedua'))
      await as(admin, 'POST', `/api/v1/admin/accounts/${other.id}/deactivate`, {
        reason: 'uji admin terakhir',
      });
    // the two administrators left deactivate each other at the same moment: one stands, one administrator stays
    const [aOffB, bOffA] = await Promise.all([
      as(admin, 'POST', `/api/v1/admin/accounts/${second.body.account.id}/deactivate`, {
        reason: 'uji serentak',
      }),
      as(secondSession, 'POST', `/api/v1/admin/accounts/${adminId}/deactivate`, { reason: 'uji serentak' }),
    ]);
    expect([aOffB.status, bOffA.status].filter((s) => s === 200)).toHaveLength(1);
    for (const refused of [aOffB, bOffA].filter((r) => r.status !== 200))
      expect([401, 409], refused.text).toContain(refused.status);
    const standing = await server.ctx.store.db
      .selectFrom('app_user')
      .select('username')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .execute();
    expect(standing).toHaveLength(1);
    // the rule itself, for an administrator whose own deactivation landed while they acted
    const survivor = standing[0]!.username === 'admin-akun' ? adminId : second.body.account.id;
    const gone = survivor === adminId ? second.body.account.id : adminId;
    const goneUser = (await findAccount(server.ctx.store.db, gone))!;
    await expect(
      deactivateStaffAccount(server.ctx, goneUser, survivor, 'uji admin terakhir'),
    ).rejects.toMatchObject({
      httpStatus: 409,
      code: 'last_admin',
    });
    await reactivateStaffAccount(server.ctx, (await findAccount(server.ctx.store.db, survivor))!, gone);
    admin = (await signIn('admin-akun', STAFF_PASSWORD)).body.token as string;

    for (const [method, path, json] of [
      ['GET', '/api/v1/admin/accounts', undefined],
      [
        'POST',
        '/api/v1/admin/accounts',
        { username: 'x.y.z', displayName: 'X', role: 'admin', unitId: tebet },
      ],
      ['POST', `/api/v1/admin/accounts/${adminId}/reset-password`, undefined],
    ] as const) {
      const refused = await as(officer, method, path, json);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error.message.en).toMatch(/administrators/);
    }
  });

  test('search by part of the username or the name, with the filters; any typed text is a search, never a 5xx', async () => {
    await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'cari.sari',
      displayName: 'Sari Wulandari',
      role: 'verifier',
      unitId: 'crm-triage',
    });
    await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'cari.budi',
      displayName: 'Budi 100%_Santoso',
      role: 'officer',
      unitId: tebet,
    });
    const names = async (query: string) =>
      (await as(admin, 'GET', `/api/v1/admin/accounts?${query}`)).body.items.map((a: Json) => a.username);
    expect(await names('q=WULAN')).toEqual(['cari.sari']);
    expect(await names('q=cari.')).toEqual(['cari.budi', 'cari.sari']);
    expect(await names(`q=cari&unit=${tebet}`)).toEqual(['cari.budi']);
    expect(await names('q=cari&role=verifier')).toEqual(['cari.sari']);
    // % and _ are letters to look for, not wildcards
    expect(await names(`q=${encodeURIComponent('100%_')}`)).toEqual(['cari.budi']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual(['cari.budi']);
    expect(await names('q=_')).toEqual(['cari.budi']);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (q) => {
        const reply = await as(admin, 'GET', `/api/v1/admin/accounts?q=${encodeURIComponent(q)}`);
        expect([200, 400], reply.text).toContain(reply.status);
      }),
      { numRuns: 40 },
    );
    expect((await as(officer, 'GET', '/api/v1/admin/accounts?q=cari')).status).toBe(403);
  });

  test('any username, name or role typed into the form: a clear 400 or a made account, never a 5xx', async () => {
    const fresh = await signInStaff(server, 'admin-fuzz', 'admin', 'crm-triage');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          username: fc.oneof(fc.string({ maxLength: 50 }), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{2,12}$/)),
          displayName: fc.string({ maxLength: 130 }),
          role: fc.constantFrom('officer', 'verifier', 'admin', 'reveal_authority', 'superuser', ''),
          unitId: fc.constantFrom(tebet, 'crm-triage', 'nope', ''),
        }),
        async (body) => {
          const reply = await as(fresh, 'POST', '/api/v1/admin/accounts', body);
          expect([201, 400, 409], reply.text).toContain(reply.status);
          if (reply.status !== 201) expect(reply.body.error.message.id.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
