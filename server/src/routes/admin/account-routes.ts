import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NOT_SIGNED_IN, requireStaff, staffToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import {
  changeOwnPassword,
  changeStaffAccount,
  createStaffAccount,
  deactivateStaffAccount,
  listStaffAccounts,
  reactivateStaffAccount,
  resetStaffPassword,
} from '../../services/identity/staff-accounts.js';
import { errorResponses } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';
import {
  Account,
  AccountChangeBody,
  AccountListQuery,
  AccountPage,
  AccountParams,
  AccountWithPassword,
  DeactivateBody,
  NewAccountBody,
  PasswordChangeBody,
  PasswordChanged,
} from './account-schema.js';

const TAGS = ['Admin'];
/** A temporary password is shown once: no cache may keep the answer. */
const NO_STORE = 'no-store';

/** Staff accounts for administrators, and everyone's own password change. */
export function accountRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/admin/accounts',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Akun petugas / Staff accounts (by username; search by name, filter by unit, role, active)',
          querystring: AccountListQuery,
          response: { 200: AccountPage, ...errorResponses },
        },
      },
      async (request) => listStaffAccounts(ctx, await requireStaff(ctx, request), request.query),
    );

    app.post(
      '/api/v1/admin/accounts',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Buat akun petugas / Create a staff account (a temporary password, shown once)',
          body: NewAccountBody,
          response: { 201: AccountWithPassword, ...errorResponses },
        },
      },
      async (request, reply) => {
        const made = await createStaffAccount(ctx, await requireStaff(ctx, request), request.body);
        return reply.code(201).header('cache-control', NO_STORE).send(made);
      },
    );

    app.patch(
      '/api/v1/admin/accounts/:id',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Ubah nama, peran atau unit / Change an account’s name, role or unit',
          params: AccountParams,
          body: AccountChangeBody,
          response: { 200: Account, ...errorResponses },
        },
      },
      async (request) =>
        changeStaffAccount(ctx, await requireStaff(ctx, request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/admin/accounts/:id/reset-password',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Atur ulang kata sandi / Reset a password (a temporary one, shown once; the account’s sessions end)',
          params: AccountParams,
          response: { 200: AccountWithPassword, ...errorResponses },
        },
      },
      async (request, reply) => {
        const reset = await resetStaffPassword(ctx, await requireStaff(ctx, request), request.params.id);
        return reply.header('cache-control', NO_STORE).send(reset);
      },
    );

    app.post(
      '/api/v1/admin/accounts/:id/deactivate',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Nonaktifkan akun / Deactivate an account (its sessions end; never the last administrator)',
          params: AccountParams,
          body: DeactivateBody,
          response: { 200: Account, ...errorResponses },
        },
      },
      async (request) =>
        deactivateStaffAccount(ctx, await requireStaff(ctx, request), request.params.id, request.body.reason),
    );

    app.post(
      '/api/v1/admin/accounts/:id/reactivate',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Aktifkan kembali akun / Reactivate an account',
          params: AccountParams,
          response: { 200: Account, ...errorResponses },
        },
      },
      async (request) => reactivateStaffAccount(ctx, await requireStaff(ctx, request), request.params.id),
    );

    app.post(
      '/api/v1/auth/password',
      {
        schema: {
          tags: ['Petugas / Staff'],
          security: STAFF_SECURITY,
          summary: 'Ganti kata sandi saya / Change my password (other sessions end)',
          body: PasswordChangeBody,
          response: { 200: PasswordChanged, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request, { whileTemporary: true, monitoringRoom: true });
        const token = staffToken(request);
        if (!token) throw NOT_SIGNED_IN;
        const { sessionsEnded } = await changeOwnPassword(ctx, user, token, request.body);
        return { ok: true as const, sessionsEnded };
      },
    );
  };
}
