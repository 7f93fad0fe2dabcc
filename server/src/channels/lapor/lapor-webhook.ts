import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import { validator } from '../../http/validate.js';
import type { AppContext } from '../../services/app/app-context.js';
import { submit } from '../../services/intake/intake.js';
import type { LaporConfig } from './lapor-config.js';
import { inboundOfLapor, LaporReport } from './lapor-payload.js';
import { laporSignatureValid } from './lapor-signature.js';

export const LAPOR_WEBHOOK_PATH = '/api/v1/channels/lapor/reports';

const UNSIGNED = new DomainError(401, 'bad_signature', {
  id: 'Tanda tangan LAPOR! tidak sah',
  en: 'The LAPOR! signature is not valid',
});
const NOT_JSON = DomainError.invalid({
  id: 'Isi permintaan bukan JSON yang sah',
  en: 'The request body is not valid JSON',
});
const checkReport = validator(LaporReport);

/**
 * The hand-over from SP4N-LAPOR! (a webhook, pushed by LAPOR! or its bridge; polling would need an API LAPOR! does
 * not publish): one signed JSON report per request, shape `sigap.lapor.v1`. The signature is checked on the raw
 * bytes before anything is parsed: a wrong one is a 401 and nothing is stored. The tracking id is the message's
 * external id, so a report forwarded again answers the same ticket. The answer holds the ticket and status only:
 * LAPOR! is not the citizen, so it never gets the citizen token.
 */
export function laporWebhookRoutes(
  ctx: AppContext,
  config: LaporConfig,
  channel = 'lapor',
): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      LAPOR_WEBHOOK_PATH,
      { config: { rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!laporSignatureValid(config.webhookSecret, request.headers['x-lapor-signature'], raw))
          throw UNSIGNED;
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw NOT_JSON;
        }
        // NUL and broken Unicode, then the shape (the app-wide checks saw only bytes here)
        const report = checkReport(body);
        const answer = await submit(ctx, inboundOfLapor(report, channel));
        return { trackingId: report.trackingId, ticket: answer.ticket, status: answer.status };
      },
    );
  };
}
