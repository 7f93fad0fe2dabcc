import type { Config } from '../config.js';
import type { ChannelSenders } from '../services/channels/channel-sender.js';
import { emailSender } from './email/email-sender.js';
import { twilioSender } from './sms/twilio.js';
import { telegramSender } from './telegram/telegram-api.js';
import { whatsappSender } from './whatsapp/graph-api.js';
import { messengerSender } from './messenger/send-api.js';
import { xSender } from './x/x-api.js';
import { laporSender } from './lapor/lapor-api.js';

/** The channels this deployment can answer on, by the channel code of city.json; the configured ones only. */
export function channelSendersOf(
  config: Partial<
    Pick<Config, 'sms' | 'email' | 'telegram' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'lapor'>
  >,
): ChannelSenders {
  const senders: Record<string, ChannelSenders[string]> = {};
  if (config.sms) senders.sms = twilioSender(config.sms);
  if (config.telegram) senders.telegram = telegramSender(config.telegram);
  if (config.whatsapp) senders.whatsapp = whatsappSender(config.whatsapp);
  if (config.facebook) senders.facebook = messengerSender(config.facebook);
  if (config.instagram) senders.instagram = messengerSender(config.instagram);
  if (config.twitter) senders.twitter = xSender(config.twitter);
  if (config.lapor) senders.lapor = laporSender(config.lapor);
  const email = config.email;
  if (email?.relayUrl) senders.email = emailSender({ ...email, relayUrl: email.relayUrl });
  return senders;
}
