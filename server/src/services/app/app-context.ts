import type { Logger } from 'pino';
import type { Classifier } from '../../classify/classifier.js';
import type { Vault } from '../../security/vault.js';
import type { Store } from '../../store/database.js';
import type { CityContext } from './city-context.js';
import type { MediaService } from '../intake/media-service.js';
import type { Jobs } from '../jobs/job-runner.js';
import type { ChannelSenders } from '../channels/channel-sender.js';
import type { PushSender } from '../channels/push-sender.js';

/** Everything a use-case needs, handed in so tests can swap the engine, the clock and the media folder. */
export interface AppContext {
  store: Store;
  city: CityContext;
  vault: Vault;
  media: MediaService;
  /** The category model, for reports that arrive without a category. */
  classifier: Classifier;
  now: () => Date;
  log: Logger;
  /**
   * The job queue, where this process runs one (`sigap start`). Without it, outbox rows wait in the database for
   * the next server to relay them.
   */
  jobs?: Jobs;
  /** The channels that can answer their senders (SMS, e-mail…), by channel code; none configured: none. */
  senders?: ChannelSenders;
  /** Web Push to the browsers that follow a report (VAPID keys from the environment or the data folder). */
  push?: PushSender;
}
