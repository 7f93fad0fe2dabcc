import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { can } from '../../domain/authorize.js';
import { requireStaff, staffToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { actorOf } from '../../services/identity/policies.js';
import { staffBySessionToken } from '../../services/identity/sessions.js';
import { type LiveItem, LiveHub, type LiveScope } from '../../services/live/live-hub.js';
import { ErrorResponse } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';

export interface LiveRouteOptions {
  /** A comment line keeps proxies and browsers from closing a quiet stream; the session is checked each time. */
  heartbeatMs?: number;
  /** How often the database listener checks its connection, and waits before reconnecting. */
  listen?: { checkEveryMs?: number; retryMs?: number };
}

const LiveQuery = Type.Object(
  {
    scope: Type.Optional(
      Type.Union([Type.Literal('city'), Type.Literal('unit')], {
        description:
          'city: seluruh kota (admin, verifikator) / the whole city; unit: unit sendiri / one’s own unit',
      }),
    ),
  },
  { additionalProperties: false },
);

const frame = (item: LiveItem) => `id: ${item.id}\nevent: report\ndata: ${JSON.stringify(item)}\n\n`;

/**
 * `GET /api/v1/live`: server-sent events of report changes, in the signed-in staff member's scope (an officer:
 * their unit's reports; admins and verifiers: the city, or their unit with `scope=unit`). Each change is an
 * `event: report` whose data is a LiveItem (ticket, status, category, kelurahan, unit, time; never text or
 * reporter). `Last-Event-ID` resumes from the items this process still keeps; otherwise, and whenever the
 * server may have missed changes, an `event: resync` tells the client to reload its figures and lists.
 */
export function liveRoutes(ctx: AppContext, options: LiveRouteOptions = {}): FastifyPluginAsyncTypebox {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const hub = new LiveHub(ctx.store, ctx.log, options.listen);
  const open = new Set<ServerResponse>();
  return async (app) => {
    app.addHook('preClose', async () => {
      for (const response of open) response.end();
      await hub.close();
    });
    app.get(
      '/api/v1/live',
      {
        schema: {
          tags: ['Petugas / Staff'],
          summary: 'Perubahan laporan secara langsung (SSE) / Live report changes (server-sent events)',
          description:
            'text/event-stream. event: report (data: LiveItem), event: resync (muat ulang / reload), komentar ' +
            'detak setiap 15 detik / a heartbeat comment every 15 s. Last-Event-ID melanjutkan / resumes.',
          security: STAFF_SECURITY,
          querystring: LiveQuery,
          produces: ['text/event-stream'],
          response: { 400: ErrorResponse, 401: ErrorResponse },
        },
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request, { monitoringRoom: true });
        const actor = actorOf(user);
        const city = request.query.scope !== 'unit' && can(actor, 'monitor.city');
        const scope: LiveScope = city ? { kind: 'city' } : { kind: 'unit', unitId: user.unitId };
        const token = staffToken(request)!;
        await hub.start();

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
          connection: 'keep-alive',
        });
        res.write(`retry: 3000\n: ${scope.kind}\n\n`);
        const lastEventId = request.headers['last-event-id'];
        if (typeof lastEventId === 'string' && lastEventId !== '') {
          const missed = hub.since(lastEventId, scope);
          if (missed === null) res.write('event: resync\ndata: {}\n\n');
          else for (const item of missed) res.write(frame(item));
        }
        open.add(res);
        const unsubscribe = hub.subscribe({
          scope,
          item: (item) => res.write(frame(item)),
          resync: () => res.write('event: resync\ndata: {}\n\n'),
        });
        const heartbeat = setInterval(() => {
          res.write(': hb\n\n');
          // a session that ended (signed out, expired) ends its stream
          staffBySessionToken(ctx, token).then(
            (still) => (still ? undefined : res.end()),
            () => undefined,
          );
        }, heartbeatMs);
        const end = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(res);
        };
        res.on('close', end);
        request.raw.on('close', () => {
          end();
          res.end();
        });
      },
    );
  };
}
