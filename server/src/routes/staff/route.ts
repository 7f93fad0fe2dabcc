import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE, requireStaff, staffToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app-context.js';
import { actorOf } from '../../services/policies.js';
import { readForStaff } from '../../services/report-reads.js';
import { redactionTermsFor } from '../../services/redaction-terms.js';
import { rowToState } from '../../store/report-rows.js';
import { revealIdentity } from '../../services/reveal.js';
import { login, logout } from '../../services/staff-auth.js';
import { decodeCursor } from '../../store/keyset.js';
import { queryQueue } from '../../store/report-queries.js';
import { countOpenSimilar } from '../../store/similar-queries.js';
import { AnyObject, TicketParams, errorResponses } from '../schemas.js';
import { queueItem } from './queue-item.js';
import { LoginBody, QueueQuery, RevealBody, StaffReportView, UnitsQuery } from './schema.js';
import { listUnits } from './units.js';
import { staffActionRoutes } from './action-routes.js';
import { STAFF_SECURITY } from '../security.js';

const TAGS = ['Petugas / Staff'];

export function staffRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(staffActionRoutes(ctx));
    app.post(
      '/api/v1/auth/login',
      {
        // slows password guessing: 10 attempts a minute per address
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: TAGS,
          summary: 'Masuk / Sign in (sets a session cookie; also returns a bearer token)',
          body: LoginBody,
        },
      },
      async (request, reply) => {
        const session = await login(ctx, request.body.username, request.body.password);
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
      { schema: { tags: TAGS, summary: 'Keluar / Sign out', security: STAFF_SECURITY } },
      async (request, reply) => {
        const token = staffToken(request);
        if (token) await logout(ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get(
      '/api/v1/auth/me',
      { schema: { tags: TAGS, summary: 'Akun saya / Who am I', security: STAFF_SECURITY } },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return { user, unit: ctx.city.city.units.get(user.unitId) ?? null };
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
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        const q = request.query;
        // Without a scope a verifier's queue is the city's evidence waiting for verification; with one, like an
        // officer's, what their own unit holds or has been escalated.
        const cityWide = user.role === 'verifier' && !q.scope;
        const page = await queryQueue(ctx.store.db, {
          unitId: cityWide ? undefined : user.unitId,
          scope: q.scope,
          statuses: q.status ? [q.status] : cityWide ? ['menunggu_validasi'] : undefined,
          openOnly: q.open ?? true,
          category: q.category,
          kelurahanCode: q.kelurahan,
          overdueAt: q.overdue ? ctx.now() : undefined,
          cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
          limit: q.limit ?? 20,
        });
        const terms = await redactionTermsFor(ctx, page.items.map(rowToState));
        const similar = await countOpenSimilar(
          ctx.store.db,
          page.items.map((row) => row.id),
        );
        return {
          items: page.items.map((row) => ({
            ...queueItem(ctx, row, terms),
            similarCount: similar.get(row.id) ?? 0,
          })),
          nextCursor: page.nextCursor,
        };
      },
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
      async (request) => {
        const user = await requireStaff(ctx, request);
        return readForStaff(ctx, request.params.ticket, actorOf(user));
      },
    );

    app.post(
      '/api/v1/officer/reports/:ticket/reveal',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Buka identitas pelapor / Reveal the reporter (authorised official only; audited)',
          params: TicketParams,
          body: RevealBody,
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return revealIdentity(ctx, user, request.params.ticket, request.body.reason);
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
        },
      },
      async (request) => {
        await requireStaff(ctx, request);
        return listUnits(ctx.city.city, request.query);
      },
    );
  };
}
