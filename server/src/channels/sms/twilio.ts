import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { ChannelSender, SenderHandle } from '../../services/channels/channel-sender.js';
import { fitSms } from './sms-text.js';

/**
 * Twilio's Programmable Messaging, one widely used SMS gateway with a documented format
 * (https://www.twilio.com/docs/messaging): inbound messages are form posts signed with `X-Twilio-Signature`
 * (HMAC-SHA1 of the URL and the sorted parameters under the account's auth token, checked with Twilio's own
 * library), outbound ones a form post to the Messages resource with basic auth. `apiUrl` points elsewhere only in
 * tests (a local fake that speaks the same format).
 */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** the number (or sender id) messages are sent from */
  from: string;
  /** https://api.twilio.com */
  apiUrl: string;
  /** the public address of this server, as the gateway calls it (the signature covers the full URL) */
  publicUrl: string;
}

export const TWILIO_WEBHOOK_PATH = '/api/v1/channels/sms/twilio';

export function twilioSignatureValid(
  config: TwilioConfig,
  signature: string | undefined,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return validateRequest(config.authToken, signature, `${config.publicUrl}${TWILIO_WEBHOOK_PATH}`, params);
}

/** The webhook's answer: TwiML with the reply to send back at once, or an empty response (nothing to send). */
export function twiml(reply: string | null): string {
  const response = new MessagingResponse();
  if (reply) response.message(fitSms(reply));
  return response.toString();
}

export function twilioSender(config: TwilioConfig): ChannelSender {
  const url = `${config.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
  return {
    async send(to: SenderHandle, text: string) {
      if (to.kind !== 'phone') throw new Error(`the SMS gateway cannot reach a ${to.kind}`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: to.value, From: config.from, Body: fitSms(text) }),
        signal: AbortSignal.timeout(15_000),
      });
      // the gateway's answer may quote the number: only the status goes into the error (and the log)
      if (!response.ok) throw new Error(`the SMS gateway answered ${response.status}`);
      await response.body?.cancel();
    },
  };
}
