import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { etagOf } from '../../http/if-match.js';
import { SESSION_COOKIE, requireStaff, staffToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { accountPermissions } from '../../domain/authorize.js';
import { actorOf } from '../../services/identity/policies.js';
import { readForStaff } from '../../services/reads/report-reads.js';
import { readQueue } from '../../services/reads/staff/staff-queue.js';
import { QueuePage, StaffReportView } from '../../services/reads/staff/staff-schema.js';
import { login, logout } from '../../services/identity/staff-auth.js';
import { ErrorResponse, TicketParams, errorResponses } from '../schemas.js';
import { LoginBody, Me, QueueQuery, Session, SignedOut, UnitsPage, UnitsQuery } from './schema.js';
import { listUnits } from './units.js';
import { staffActionRoutes } from './action-routes.js';
import { revealRoutes } from './reveal-routes.js';
import { STAFF_SECURITY } from '../security.js';
import type { HttpOptions } from '../../http/http-options.js';

const TAGS = ['Petugas / Staff'];

export function staffRoutes(
  ctx: AppContext,
  options: Pick<HttpOptions, 'signIn'>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(staffActionRoutes(ctx));
    await app.register(revealRoutes(ctx));
    app.post(
      '/api/v1/auth/login',
      {
        // password guessing is limited inside login (failures per account and per address, in the database)
        schema: {
          tags: TAGS,
          summary: 'Masuk / Sign in (sets a session cookie; also returns a bearer token)',
          body: LoginBody,
          description:
            'Gagal berulang mengunci sementara: per akun dan per alamat (429 dengan Retry-After); masuk yang berhasil tidak dihitung. / ' +
            'Repeated failures lock for a while, per account and per address (429 with Retry-After); successful sign-ins are not counted.',
          response: { 200: Session, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const session = await login(ctx, request.body.username, request.body.password, {
          address: request.ip,
          ...(options.signIn ? { limits: options.signIn } : {}),
        });
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          expires: session.expiresAt,
        });
        return session;
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        schema: {
          tags: TAGS,
          summary: 'Keluar / Sign out',
          security: STAFF_SECURITY,
          response: { 200: SignedOut },
        },
      },
      async (request, reply) => {
        const token = staffToken(request);
        if (token) await logout(ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        schema: {
          tags: TAGS,
          summary: 'Akun saya / Who am I',
          security: STAFF_SECURITY,
          response: { 200: Me, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request, { whileTemporary: true, monitoringRoom: true });
        return {
          user,
          unit: ctx.city.city.units.get(user.unitId) ?? null,
          permissions: accountPermissions(actorOf(user)),
          channels: ctx.city.city.config.channels.map(({ code, kind, name }) => ({ code, kind, name })),
        };
      },
    );

    app.get(
      '/api/v1/officer/queue',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Antrean unit saya / My unit’s queue (verifiers: reports awaiting verification)',
          querystring: QueueQuery,
          response: { 200: QueuePage, ...errorResponses },
        },
      },
      async (request) => readQueue(ctx, await requireStaff(ctx, request), request.query),
    );

    app.get(
      '/api/v1/officer/reports/:ticket',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Detail laporan / Report detail',
          params: TicketParams,
          response: { 200: StaffReportView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request);
        const view = await readForStaff(ctx, request.params.ticket, actorOf(user));
        void reply.header('etag', etagOf(view.version));
        return view;
      },
    );

    app.get(
      '/api/v1/units',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Daftar unit / Units (targets for koordinasi and disposisi), by id, in pages',
          querystring: UnitsQuery,
          response: { 200: UnitsPage, ...errorResponses },
        },
      },
      async (request) => {
        await requireStaff(ctx, request);
        return listUnits(ctx.city.city, request.query);
      },
    );
  };
}
