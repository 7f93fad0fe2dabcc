import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { listDeadLetters, retryDeadLetter } from '../../services/jobs/dead-letters.js';
import { errorResponses, TicketParams } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';
import {
  AuditPage,
  AuditQuery,
  FailedJobListQuery,
  FailedJobPage,
  FailedJobParams,
  RetriedJob,
  RetryBody,
  RevokedToken,
  RevokeTokenBody,
} from './schema.js';
import { revokeReportCitizenToken } from '../../services/identity/citizen-tokens.js';
import { readAuditTrail } from '../../services/audit/audit-trail.js';

const TAGS = ['Admin'];

/** The dead-letter list of background jobs, for administrators (403 for other staff, 401 without a session). */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/admin/jobs/failed',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Pekerjaan latar yang gagal setelah semua percobaan / Background jobs that failed every attempt (newest first)',
          querystring: FailedJobListQuery,
          response: { 200: FailedJobPage, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return listDeadLetters(ctx, user, request.query);
      },
    );

    app.get(
      '/api/v1/admin/audit',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Jejak audit, terbaru dahulu / The audit trail, newest first',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errorResponses },
        },
      },
      async (request) => readAuditTrail(ctx, await requireStaff(ctx, request), request.query),
    );

    app.post(
      '/api/v1/admin/reports/:ticket/citizen-token/revoke',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary:
            'Cabut token warga pemilik laporan / Revoke the citizen token that opens a report (audited, with the reason)',
          description:
            'The token stops opening every report of its holder at once; they are told it was revoked. The citizen is not named.',
          params: TicketParams,
          body: RevokeTokenBody,
          response: { 200: RevokedToken, ...errorResponses },
        },
      },
      async (request) =>
        revokeReportCitizenToken(
          ctx,
          await requireStaff(ctx, request),
          request.params.ticket,
          request.body.reason,
        ),
    );

    app.post(
      '/api/v1/admin/jobs/failed/:id/retry',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Ulangi pekerjaan yang gagal / Retry a failed job once more',
          params: FailedJobParams,
          body: RetryBody,
          response: { 200: RetriedJob, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return retryDeadLetter(ctx, user, request.params.id);
      },
    );
  };
}
