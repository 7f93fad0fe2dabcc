import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/domain-error.js';
import { requireStaff } from '../../http/auth.js';
import { IfMatchHeaders, etagOf, expectedVersion } from '../../http/if-match.js';
import { withMultipart } from '../../http/multipart.js';
import { multipartAwareValidatorCompiler, validator } from '../../http/validate.js';
import { act } from '../../services/handling/actions.js';
import type { AppContext } from '../../services/app/app-context.js';
import type { Upload } from '../../services/intake/media-service.js';
import { mergeReport } from '../../services/handling/merge.js';
import { actorOf } from '../../services/identity/policies.js';
import { recategoriseReport } from '../../services/handling/recategorise.js';
import { explainConflict, isConflict } from '../../services/handling/report-version.js';
import { readForStaffAfterAction } from '../../services/reads/report-reads.js';
import { OutOfSight, StaffReportView } from '../../services/reads/staff/staff-schema.js';
import { STAFF_SECURITY } from '../security.js';
import { ErrorResponse, TicketParams, errorResponses } from '../schemas.js';
import { ACTION_NAMES, ACTION_SPECS, type ActionName } from './action-specs.js';
import { type ActionInput, commandFor, mergeRequest, recategoriseRequest } from './commands.js';

const TAGS = ['Petugas / Staff'];

/** One route per officer or verifier action, each with its own body schema (exact in OpenAPI). */
export function staffActionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const name of ACTION_NAMES) {
      const spec: { summary: string; body: (typeof ACTION_SPECS)[ActionName]['body']; multipart?: boolean } =
        ACTION_SPECS[name];
      const checkFields = validator(spec.body);
      app.post(
        `/api/v1/officer/reports/:ticket/${name}`,
        {
          schema: {
            tags: TAGS,
            summary: spec.summary,
            security: STAFF_SECURITY,
            params: TicketParams,
            headers: IfMatchHeaders,
            body: spec.body,
            ...(spec.multipart ? { consumes: ['multipart/form-data'] } : {}),
            response: {
              200: Type.Union([StaffReportView, OutOfSight]),
              ...errorResponses,
              ...(spec.multipart ? { 413: ErrorResponse, 415: ErrorResponse } : {}),
              422: ErrorResponse,
            },
          },
          // multipart forms are validated after parsing, against the same schema
          ...(spec.multipart
            ? {
                validatorCompiler: multipartAwareValidatorCompiler,
              }
            : {}),
        },
        async (request, reply) => {
          const user = await requireStaff(ctx, request);
          const { ticket } = request.params as { ticket: string };
          const seen = expectedVersion((request.headers as { 'if-match'?: string })['if-match']);
          const actor = actorOf(user);
          const run = async (body: ActionInput, uploads: Upload[]) => {
            if (name === 'merge')
              await mergeReport(ctx, ticket, { ...mergeRequest(body), expectedVersion: seen }, actor);
            else if (name === 'recategorise')
              await recategoriseReport(
                ctx,
                ticket,
                { ...recategoriseRequest(body), expectedVersion: seen },
                actor,
              );
            else await act(ctx, ticket, commandFor(name, body), actor, uploads, { expectedVersion: seen });
          };
          try {
            if (request.isMultipart())
              await withMultipart(request, ctx.media, (form) =>
                run(checkFields(form.fields) as ActionInput, form.uploads),
              );
            else await run(request.body as ActionInput, []);
          } catch (error) {
            throw isConflict(error) ? await explainConflict(ctx, ticket, seen, error) : error;
          }
          const view = await readForStaffAfterAction(ctx, ticket, actor);
          if ('version' in view) void reply.header('etag', etagOf(view.version));
          return view;
        },
      );
    }

    // Any other action name: one plain answer naming the ones there are.
    app.post(
      '/api/v1/officer/reports/:ticket/:action',
      {
        schema: {
          hide: true,
          params: Type.Object({ ticket: Type.String(), action: Type.String({ maxLength: 100 }) }),
        },
      },
      async (request) => {
        throw DomainError.invalid(
          {
            id: `Tindakan "${request.params.action}" tidak dikenal; yang tersedia: ${ACTION_NAMES.join(', ')}`,
            en: `Unknown action "${request.params.action}"; the actions are: ${ACTION_NAMES.join(', ')}`,
          },
          'unknown_action',
        );
      },
    );
  };
}
