import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../../http/auth.js';
import { withReportBody } from '../../http/multipart.js';
import { multipartAwareValidatorCompiler, validator } from '../../http/validate.js';
import type { AppContext } from '../../services/app/app-context.js';
import { fileAtDesk } from '../../services/intake/desk-intake.js';
import { fileFromNews } from '../../services/intake/media-intake.js';
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

const DeskCreated = Type.Object(
  {
    ...CreatedReport.properties,
    receiptBySms: Type.Boolean({
      description: 'The receipt is also texted to the phone the citizen gave (the city sends SMS)',
    }),
  },
  { additionalProperties: false, title: 'DeskCreatedReport' },
);

const NewsItemBody = Type.Object(
  {
    text: NewReportProperties.text,
    url: Type.String({ maxLength: 2000, description: 'The news item’s address: http:// or https:// only' }),
    outlet: Type.String({ minLength: 1, maxLength: 200, description: 'The newspaper, site or station' }),
    publishedOn: Type.String({ maxLength: 10, description: 'The day it was published, YYYY-MM-DD' }),
    address: NewReportProperties.address,
    category: NewReportProperties.category,
    private: Type.Optional(
      Type.Boolean({ default: false, description: 'Off the public list (news is public already)' }),
    ),
    sameArticleAgain: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'File it although the article was filed before (another problem in it); without it such a request is a 409 naming the earlier tickets',
      }),
    ),
  },
  { additionalProperties: false, title: 'NewsItemReport' },
);
const NewsItemFiled = Type.Object(
  { ticket: Type.String(), status: Type.String() },
  { additionalProperties: false, title: 'NewsItemFiled' },
);

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
            201: DeskCreated,
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
    app.post(
      '/api/v1/officer/intake/media',
      {
        schema: {
          tags: ['Petugas / Staff'],
          summary: 'Catat laporan dari pemberitaan media / File a report from a news item',
          description:
            'Media monitoring ("Aspirasi Publik Media Massa"): the city’s channel of kind `media`, no identity (the ' +
            'newsroom is not the reporter), the link (http/https only), outlet and day of publication kept with ' +
            'the report and shown to staff. An article filed before (by any link to it: tracking parameters, ' +
            'www. and the fragment aside) is a 409 `news_filed_before` naming its tickets, unless ' +
            '`sameArticleAgain`. Audited.',
          security: STAFF_SECURITY,
          headers: IntakeHeaders,
          body: NewsItemBody,
          response: { 201: NewsItemFiled, ...errorResponses, 422: ErrorResponse },
        },
      },
      async (request, reply) => {
        const user = await requireStaff(ctx, request);
        const filed = await fileFromNews(ctx, user, request.body, request.headers['idempotency-key'] ?? null);
        return reply.status(201).send(filed);
      },
    );
  };
}
