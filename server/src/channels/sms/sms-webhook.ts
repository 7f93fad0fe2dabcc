import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/domain-error.js';
import type { AppContext } from '../../services/app/app-context.js';
import { handleTextMessage } from '../../services/channels/text-conversation.js';
import { type TwilioConfig, TWILIO_WEBHOOK_PATH, twilioSignatureValid, twiml } from './twilio.js';

const UNSIGNED = new DomainError(401, 'bad_signature', {
  id: 'Tanda tangan webhook tidak sah',
  en: 'The webhook signature is not valid',
});

function malformed(field: string): DomainError {
  return DomainError.invalid({
    id: `Kolom ${field} tidak ada atau tidak sah`,
    en: `The field ${field} is missing or not valid`,
  });
}

/** A form's fields, each a single string (a repeated field is not something the gateway sends). */
function fieldsOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) throw malformed('body');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw malformed(key);
    fields[key] = value;
  }
  return fields;
}

const MAX_TEXT = 1600; // ten concatenated segments: longer is not an SMS

/**
 * The SMS gateway's webhook (Twilio's format): a signed form post per message. A bad signature is a 401 and
 * nothing is stored; a malformed form a 400. The same message delivered again (same MessageSid) is one message
 * and one report. A question is answered in the webhook's TwiML; a new report's ticket comes by the `received`
 * notification through the gateway's API after the commit (services/channels/deliver.ts).
 */
export function smsWebhookRoutes(ctx: AppContext, config: TwilioConfig, channel = 'sms'): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 32 * 1024 });
    app.post(
      TWILIO_WEBHOOK_PATH,
      {
        // a gateway retrying or a forger guessing: a wide budget per address, enough for a city's traffic
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: { hide: true },
      },
      async (request, reply) => {
        const fields = fieldsOf(request.body);
        const signature = request.headers['x-twilio-signature'];
        if (!twilioSignatureValid(config, typeof signature === 'string' ? signature : undefined, fields))
          throw UNSIGNED;
        const { MessageSid: messageId, From: from, Body: text = '' } = fields;
        if (!messageId || messageId.length > 64) throw malformed('MessageSid');
        if (!from || from.length > 32) throw malformed('From');
        if (text.length > MAX_TEXT) throw malformed('Body');
        let answer: string | null;
        try {
          answer = await handleTextMessage(ctx, {
            channel,
            messageId,
            from: { kind: 'phone', value: from },
            text,
            raw: fields,
          });
        } catch (error) {
          // the sender's mistake (an empty report, say) is told to the sender, in the reply
          if (!(error instanceof DomainError) || error.httpStatus >= 500) throw error;
          answer = error.text.id;
        }
        return reply.type('text/xml; charset=utf-8').send(twiml(answer));
      },
    );
  };
}
