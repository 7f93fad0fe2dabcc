import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/domain-error.js';
import { citizenToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { followReport, pushPublicKey, unfollowReport } from '../../services/channels/push.js';
import { Exact } from '../../services/reads/read-schemas.js';
import { CITIZEN_SECURITY } from '../security.js';
import { ErrorResponse, TicketParams, errorResponses } from '../schemas.js';

const TAGS = ['Warga / Citizens'];
const NO_CITIZEN_TOKEN = new DomainError(401, 'not_signed_in', {
  id: 'Sertakan token warga (Authorization: Bearer …) yang diterima saat membuat laporan',
  en: 'Send the citizen token (Authorization: Bearer …) you received when you created a report',
});

const Endpoint = Type.String({
  minLength: 12,
  maxLength: 2048,
  pattern: '^https?://[^\\s]+$',
  description: 'PushSubscription.endpoint: the push service address of this browser',
});

/** PushSubscription.toJSON() of a browser: its endpoint and keys (a P-256 public key, a 16-byte secret). */
const SubscriptionBody = Type.Object(
  {
    endpoint: Endpoint,
    expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    keys: Type.Object(
      {
        p256dh: Type.String({
          pattern: '^B[A-Za-z0-9_-]{86}={0,1}$',
          description: 'the browser’s P-256 public key, base64url (65 bytes, uncompressed)',
        }),
        auth: Type.String({
          pattern: '^[A-Za-z0-9_-]{22}(==)?$',
          description: 'the browser’s 16-byte authentication secret, base64url',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const UnsubscribeBody = Type.Object({ endpoint: Endpoint }, { additionalProperties: false });

const PushKey = Exact(
  {
    publicKey: Type.String({ description: 'VAPID public key (base64url): PushManager applicationServerKey' }),
  },
  { title: 'PushPublicKey' },
);
const Following = Exact(
  {
    ticket: Type.String(),
    following: Type.Boolean({
      description: 'whether this browser is now told of the report’s status changes',
    }),
  },
  { title: 'PushFollowing' },
);

const token = (value: string | null): string => {
  if (value === null) throw NO_CITIZEN_TOKEN;
  return value;
};

/**
 * Web Push for the reporter's own reports: the server's VAPID key, then one browser subscription per followed
 * report. The subscription is personal data: it is sealed at rest, never logged, never shown to staff.
 */
export function pushRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/push/key',
      {
        schema: {
          tags: TAGS,
          summary: 'Kunci VAPID untuk notifikasi push / The VAPID public key for push notifications',
          response: { 200: PushKey, 404: ErrorResponse },
        },
      },
      async () => pushPublicKey(ctx),
    );

    app.post(
      '/api/v1/reports/:ticket/push',
      {
        schema: {
          tags: TAGS,
          summary: 'Beri tahu saya / Notify this browser when the report’s status changes (Web Push)',
          description:
            'Authorization: Bearer <citizenToken>. Body: PushSubscription.toJSON(). Only your own report; only ' +
            'the browsers’ push services. The push carries the ticket and the new status, nothing else.',
          security: CITIZEN_SECURITY,
          params: TicketParams,
          body: SubscriptionBody,
          response: { 200: Following, ...errorResponses, 422: ErrorResponse },
        },
      },
      async (request) =>
        followReport(ctx, token(citizenToken(request)), request.params.ticket, {
          endpoint: request.body.endpoint,
          keys: request.body.keys,
        }),
    );

    app.delete(
      '/api/v1/reports/:ticket/push',
      {
        schema: {
          tags: TAGS,
          summary: 'Berhenti memberi tahu / Stop notifying this browser about the report',
          description: 'Authorization: Bearer <citizenToken>. Body: the subscription’s endpoint.',
          security: CITIZEN_SECURITY,
          params: TicketParams,
          body: UnsubscribeBody,
          response: { 200: Following, ...errorResponses },
        },
      },
      async (request) =>
        unfollowReport(ctx, token(citizenToken(request)), request.params.ticket, request.body.endpoint),
    );
  };
}
