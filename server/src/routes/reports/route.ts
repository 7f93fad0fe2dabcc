import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Command } from '../../domain/decide.js';
import { DomainError } from '../../domain/domain-error.js';
import { citizenToken } from '../../http/auth.js';
import { withReportBody } from '../../http/multipart.js';
import { sendAs } from '../../http/send-as.js';
import { multipartAwareValidatorCompiler, validator } from '../../http/validate.js';
import { act } from '../../services/handling/actions.js';
import type { AppContext } from '../../services/app/app-context.js';
import { editReport } from '../../services/handling/edit-report.js';
import { checkPublicApiChannel, createReport } from '../../services/intake/intake.js';
import { citizenByToken } from '../../services/identity/sessions.js';
import {
  CitizenReportView,
  type CitizenReportViewT,
  CreatedReport,
  MyReportsPage,
} from '../../services/reads/citizen/citizen-schema.js';
import { listCitizenReports } from '../../services/reads/citizen/citizen-view.js';
import {
  PrivateReportStub,
  type PrivateReportStubT,
  PublicReportView,
  type PublicReportViewT,
} from '../../services/reads/public/public-schema.js';
import { readForCitizen, readForCitizenOrPublic } from '../../services/reads/report-reads.js';
import { CITIZEN_SECURITY, OPTIONAL_CITIZEN_SECURITY } from '../security.js';
import { ErrorResponse, PageQuery, TicketParams, errorResponses } from '../schemas.js';
import {
  EditBody,
  EndedToken,
  IntakeHeaders,
  NewReportBody,
  RatingBody,
  ReopenBody,
  RotatedToken,
  WithdrawBody,
} from './schema.js';
import { endOwnCitizenToken, rotateCitizenToken } from '../../services/identity/citizen-tokens.js';

const checkNewReport = validator(NewReportBody);

/** Which member of the report view union a view is (see sendAs). */
const viewSchema = (view: CitizenReportViewT | PublicReportViewT | PrivateReportStubT) =>
  !('audience' in view)
    ? PrivateReportStub
    : view.audience === 'citizen'
      ? CitizenReportView
      : PublicReportView;
const TAGS = ['Warga / Citizens'];
const AUTH_DOC = 'Authorization: Bearer <citizenToken> (from report creation)';

const NO_CITIZEN_TOKEN = new DomainError(401, 'not_signed_in', {
  id: 'Sertakan token warga (Authorization: Bearer …) yang diterima saat membuat laporan',
  en: 'Send the citizen token (Authorization: Bearer …) you received when you created a report',
});

function presentedToken(token: string | null): string {
  if (token === null) throw NO_CITIZEN_TOKEN;
  return token;
}

async function requireCitizen(ctx: AppContext, token: string | null): Promise<string> {
  const id = await citizenByToken(ctx, presentedToken(token));
  if (!id) throw NO_CITIZEN_TOKEN;
  return id;
}

export function citizenReportRoutes(
  ctx: AppContext,
  limits: { intakePerMinute: number },
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/reports',
      {
        ...(limits.intakePerMinute > 0
          ? { config: { rateLimit: { max: limits.intakePerMinute, timeWindow: '1 minute' } } }
          : {}),
        schema: {
          tags: TAGS,
          summary: 'Buat laporan / Create a report',
          security: OPTIONAL_CITIZEN_SECURITY,
          description:
            'JSON body, or multipart/form-data with a `payload` field holding the same JSON and up to 5 photos and 1 video as files. ' +
            'Send an existing citizen token to add the report to your list.',
          headers: IntakeHeaders,
          body: NewReportBody,
          response: {
            201: CreatedReport,
            ...errorResponses,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
            429: ErrorResponse,
          },
        },
        // multipart bodies are validated after parsing, against the same schema
        validatorCompiler: multipartAwareValidatorCompiler,
      },
      async (request, reply) => {
        const created = await withReportBody(request, ctx.media, checkNewReport, (input, uploads) => {
          checkPublicApiChannel(ctx, input.channel);
          return createReport(ctx, input, uploads, citizenToken(request), {
            idempotencyKey: request.headers['idempotency-key'] ?? null,
          });
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/v1/reports/:ticket',
      {
        schema: {
          tags: TAGS,
          summary: 'Lihat laporan / View a report',
          security: OPTIONAL_CITIZEN_SECURITY,
          description: `Full view for the reporter (${AUTH_DOC}); otherwise the public, redacted view.`,
          params: TicketParams,
          response: {
            200: Type.Union([CitizenReportView, PublicReportView, PrivateReportStub], {
              description:
                'audience tells which: citizen (your own report) or public (private: true is a stub)',
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const view = await readForCitizenOrPublic(ctx, request.params.ticket, citizenToken(request));
        return sendAs(reply, viewSchema(view), view);
      },
    );

    app.get(
      '/api/v1/me/reports',
      {
        schema: {
          tags: TAGS,
          summary: 'Laporan saya / My reports',
          security: CITIZEN_SECURITY,
          description: AUTH_DOC,
          querystring: Type.Object(PageQuery, { additionalProperties: false }),
          response: { 200: MyReportsPage, ...errorResponses },
        },
      },
      async (request) =>
        listCitizenReports(ctx, await requireCitizen(ctx, citizenToken(request)), request.query),
    );

    app.post(
      '/api/v1/me/token/rotate',
      {
        schema: {
          tags: TAGS,
          summary: 'Ganti token saya / Replace my citizen token (the old one stops working at once)',
          security: CITIZEN_SECURITY,
          description: `${AUTH_DOC}. The new token opens the same reports; anyone still holding the old one is refused.`,
          response: { 200: RotatedToken, ...errorResponses },
        },
      },
      async (request) => rotateCitizenToken(ctx, presentedToken(citizenToken(request))),
    );

    app.delete(
      '/api/v1/me/token',
      {
        schema: {
          tags: TAGS,
          summary: 'Akhiri token saya / End my citizen token (it opens nothing from now on)',
          security: CITIZEN_SECURITY,
          description: `${AUTH_DOC}. For a shared phone or a token you fear was seen; your reports are still handled.`,
          response: { 200: EndedToken, ...errorResponses },
        },
      },
      async (request) => endOwnCitizenToken(ctx, presentedToken(citizenToken(request))),
    );

    const citizenAction = <B>(path: string, summary: string, body: B, toCommand: (b: never) => Command) =>
      app.post(
        `/api/v1/reports/:ticket/${path}`,
        {
          schema: {
            tags: TAGS,
            summary,
            description: AUTH_DOC,
            security: CITIZEN_SECURITY,
            params: TicketParams,
            body: body as never,
            response: { 200: CitizenReportView, ...errorResponses },
          },
        },
        async (request) => {
          const citizenId = await requireCitizen(ctx, citizenToken(request));
          await act(ctx, request.params.ticket, toCommand(request.body as never), {
            kind: 'citizen',
            id: citizenId,
            unitId: null,
          });
          return readForCitizen(ctx, request.params.ticket, citizenId);
        },
      );

    citizenAction(
      'withdraw',
      'Cabut laporan / Withdraw (only while Menunggu)',
      WithdrawBody,
      (b: { reason?: string }) => ({
        type: 'withdraw',
        reason: b.reason ?? null,
      }),
    );
    citizenAction(
      'rating',
      'Nilai tindak lanjut / Rate the follow-up (1–5)',
      RatingBody,
      (b: { rating: number; comment?: string }) => ({
        type: 'rate',
        rating: b.rating,
        comment: b.comment ?? null,
      }),
    );
    citizenAction('reopen', 'Buka kembali / Reopen after Selesai', ReopenBody, (b: { reason: string }) => ({
      type: 'reopen',
      reason: b.reason,
      windowDays: ctx.city.city.config.reopenWindowDays,
    }));

    app.patch(
      '/api/v1/reports/:ticket',
      {
        schema: {
          tags: TAGS,
          summary: 'Ubah laporan / Edit (only while Menunggu; history kept)',
          security: CITIZEN_SECURITY,
          description: AUTH_DOC,
          params: TicketParams,
          body: EditBody,
          response: { 200: CitizenReportView, ...errorResponses, 422: ErrorResponse },
        },
      },
      async (request) => {
        const citizenId = await requireCitizen(ctx, citizenToken(request));
        await editReport(ctx, request.params.ticket, request.body, {
          kind: 'citizen',
          id: citizenId,
          unitId: null,
        });
        return readForCitizen(ctx, request.params.ticket, citizenId);
      },
    );
  };
}
