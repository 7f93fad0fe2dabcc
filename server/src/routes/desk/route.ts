import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../../http/auth.js';
import { withReportBody } from '../../http/multipart.js';
import { multipartAwareValidatorCompiler, validator } from '../../http/validate.js';
import type { AppContext } from '../../services/app/app-context.js';
import { fileAtDesk } from '../../services/intake/desk-intake.js';
import { NewReportProperties } from '../../services/intake/new-report-schema.js';
import { CreatedReport } from '../../services/reads/citizen/citizen-schema.js';
import { IntakeHeaders } from '../reports/schema.js';
import { ErrorResponse, errorResponses } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';

const DeskReportBody = Type.Object(
  {
    ...NewReportProperties,
    channel: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'How it came: a walk-in office, a forwarded system, or a channel the desk transcribes',
    }),
  },
  { additionalProperties: false },
);
const checkDeskReport = validator(DeskReportBody);

/** The desk intake: staff file a report for a citizen, through the same intake as every channel. */
export function deskRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/officer/intake',
      {
        schema: {
          tags: ['Petugas / Staff'],
          summary: 'Catat laporan di meja layanan / File a report at the desk for a citizen',
          description:
            'JSON body, or multipart/form-data with a `payload` field and photos. The answer holds the citizen ' +
            'token to hand to the citizen. Who filed which report is audited.',
          security: STAFF_SECURITY,
          headers: IntakeHeaders,
          body: DeskReportBody,
          response: {
            201: CreatedReport,
            ...errorResponses,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
          },
        },
        validatorCompiler: multipartAwareValidatorCompiler,
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request);
        const created = await withReportBody(request, ctx.media, checkDeskReport, (input, uploads) =>
          fileAtDesk(ctx, user, input, uploads, request.headers['idempotency-key'] ?? null),
        );
        return reply.status(201).send(created);
      },
    );
  };
}
