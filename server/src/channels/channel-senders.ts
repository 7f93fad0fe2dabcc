import type { Config } from '../config.js';
import type { ChannelSenders } from '../services/channels/channel-sender.js';
import { twilioSender } from './sms/twilio.js';

/** The channels this deployment can answer on, by the channel code of city.json; the configured ones only. */
export function channelSendersOf(config: Pick<Config, 'sms'>): ChannelSenders {
  return config.sms ? { sms: twilioSender(config.sms) } : {};
}
