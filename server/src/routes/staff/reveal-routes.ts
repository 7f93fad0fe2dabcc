import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import {
  decideReveal,
  listRevealRequestsFor,
  requestReveal,
  viewRevealedIdentity,
} from '../../services/identity/reveal.js';
import { RevealRequestView } from '../../services/identity/reveal-view.js';
import { Exact } from '../../services/reads/read-schemas.js';
import { STAFF_SECURITY } from '../security.js';
import { TicketParams, errorResponses } from '../schemas.js';
import { RevealBody, RevealDecisionBody, Revealed, RevealRequestsQuery } from './schema.js';

const TAGS = ['Buka identitas / Identity reveal'];
const RequestParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
// every reveal route is throttled per signed-in account (or per address for those not signed in)
const PER_ACCOUNT = {
  rateLimit: {
    max: 30,
    timeWindow: '1 minute',
    // a digest of the credential, so the limiter's memory holds no usable session token
    keyGenerator: (request: { headers: Record<string, unknown>; ip: string }) =>
      createHash('sha256')
        .update(String(request.headers.authorization ?? request.headers.cookie ?? request.ip))
        .digest('base64url'),
  },
};

/**
 * Dual control over a reporter's identity (services/identity/reveal.ts): ask with a reason, a second, designated
 * official decides, the one who asked sees it for a short time. Every step is audited.
 */
export function revealRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/officer/reports/:ticket/reveal-requests',
      {
        config: PER_ACCOUNT,
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Minta identitas pelapor / Ask to see the reporter (with a reason; the authorised official decides)',
          params: TicketParams,
          body: RevealBody,
          response: { 201: RevealRequestView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request);
        const created = await requestReveal(ctx, user, request.params.ticket, request.body.reason);
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/v1/officer/reveal-requests',
      {
        config: PER_ACCOUNT,
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Permintaan buka identitas / Identity requests (the official: all, waiting first to decide; others: their own)',
          querystring: RevealRequestsQuery,
          response: { 200: Exact({ items: Type.Array(RevealRequestView) }), ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return listRevealRequestsFor(ctx, user, {
          waiting: request.query.status === 'menunggu',
          limit: request.query.limit,
        });
      },
    );

    app.post(
      '/api/v1/officer/reveal-requests/:id/decision',
      {
        config: PER_ACCOUNT,
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Putuskan permintaan / Approve or refuse a request (the authorised official, never on their own request)',
          params: RequestParams,
          body: RevealDecisionBody,
          response: { 200: RevealRequestView, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return decideReveal(ctx, user, request.params.id, request.body);
      },
    );

    app.get(
      '/api/v1/officer/reveal-requests/:id/identity',
      {
        config: PER_ACCOUNT,
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Lihat identitas pelapor / See the reporter (the one who asked, while the approval lasts; audited)',
          params: RequestParams,
          response: { 200: Revealed, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request);
        void reply.header('cache-control', 'no-store');
        return viewRevealedIdentity(ctx, user, request.params.id);
      },
    );
  };
}
