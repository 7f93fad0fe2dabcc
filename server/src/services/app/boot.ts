import path from 'node:path';
import { channelSendersOf } from '../../channels/channel-senders.js';
import pino, { type Logger } from 'pino';
import { Classifier } from '../../classify/classifier.js';
import { LinearModel } from '../../classify/linear-model.js';
import { type Config, modelDirOf } from '../../config.js';
import { FileMediaStore } from '../../media/media-store.js';
import { Vault } from '../../security/vault.js';
import { openStore } from '../../store/database.js';
import type { AppContext } from './app-context.js';
import { loadCityContext } from './city-context.js';
import { loadClassifier } from '../model/category-model.js';
import { redactOlderLabelledExamples } from '../model/labelled-examples.js';
import { loggableError } from '../../security/loggable-error.js';
import { MediaService } from '../intake/media-service.js';
import { syncReferenceData } from './reference-data.js';
import { openVapidKeys, pushConfigOf } from '../../channels/push/push-config.js';
import { webPushSender } from '../../channels/push/web-push-sender.js';

/** The longest a log line waits for others to be written with. */
const LOG_FLUSH_MS = 250;

export function createLogger(level: string): Logger {
  // Only what is needed to operate: bodies, headers and query strings never reach the log.
  // Lines go out asynchronously, gathered into writes of 4 KiB or every quarter second (one write per access
  // line cost a system call per request: ~10% of a read's CPU), and are flushed when the process exits; a crash
  // can lose the last quarter second of them. The audit trail lives in the database.
  return pino(
    {
      level,
      redact: { paths: ['req.headers', 'req.query', 'req.body', '*.token', '*.password'], remove: true },
    },
    pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: LOG_FLUSH_MS }),
  );
}

/**
 * The classifier of a context booted without the category model: commands that never classify (seed, user
 * create) do not pay for loading or training it. Using it anyway is a programming error, reported as such.
 */
class CategoryModelNotLoaded extends Classifier {
  constructor(minConfidence: number) {
    super(new LinearModel([], [], new Float32Array(0), new Float32Array(0), 1), minConfidence, 'none');
  }

  override classify(): never {
    throw new Error(
      'the category model was not loaded for this command (bootContext with classifier: false)',
    );
  }
}

/**
 * Officers' corrections stored with the raw text (before 0017) are masked before the model is loaded, so the
 * model trained at this start learns no reporter's name. Never stops the start (a vault key that cannot open the
 * identities): the rows stay out of training until a later start masks them.
 */
async function maskOlderLabelledExamples(ctx: Pick<AppContext, 'store' | 'vault' | 'log'>): Promise<void> {
  try {
    const masked = await redactOlderLabelledExamples(ctx);
    if (masked > 0) ctx.log.info({ rows: masked }, 'older labelled examples masked for training');
  } catch (error) {
    ctx.log.error(
      { err: loggableError(error) },
      'older labelled examples could not be masked; they stay out of training until the next start',
    );
  }
}

export interface BootOptions {
  /** Write the city's regions, units and categories into the database (default true; workers leave it out). */
  syncCity?: boolean;
  /**
   * Load the category model, training it when the cached one is stale (default true). Commands that never
   * classify a text pass false: they neither train nor read the model.
   */
  classifier?: boolean;
}

/** Opens everything the platform needs, from configuration: the store, the city, the vault, the media folder. */
export async function bootContext(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: BootOptions = {},
): Promise<AppContext> {
  const { syncCity = true, classifier = true } = options;
  // Together: the embedded engine starts in its own thread while this one reads the city's files.
  const [loaded, opened] = await Promise.allSettled([
    loadCityContext(config.cityDir),
    openStore({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir }),
  ]);
  if (loaded.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.close();
    throw loaded.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  const [city, store] = [loaded.value, opened.value];
  try {
    if (syncCity) await syncReferenceData(store.db, city);
    const vault = await Vault.open({
      base64Key: config.vaultKey,
      keyFile: config.vaultKeyFile,
      dataDir: config.dataDir,
    });
    if (vault.where === 'data_folder' && (config.demo === 'off' || config.databaseUrl))
      log.warn(
        'kunci brankas identitas tersimpan di samping data (folder data/vault.key): siapa pun yang menyalin folder itu ' +
          'dapat membuka identitas pelapor; simpan kunci di tempat lain (SIGAP_VAULT_KEY_FILE atau SIGAP_VAULT_KEY) / ' +
          'the identity vault key lies beside the data (data folder/vault.key): whoever copies that folder can open ' +
          "reporters' identities; keep the key elsewhere (SIGAP_VAULT_KEY_FILE or SIGAP_VAULT_KEY)",
      );
    const media = new MediaService(
      new FileMediaStore(path.join(config.dataDir, 'media')),
      config.mediaLimits,
      path.join(config.dataDir, 'tmp'),
      { ffmpeg: config.ffmpeg },
    );
    const senders = channelSendersOf(config);
    const pushConfig = config.push ?? pushConfigOf({});
    const push = webPushSender(await openVapidKeys(pushConfig, config.dataDir), pushConfig.services);
    const ctx = { store, city, vault, media, senders, push, now: () => new Date(), log };
    await maskOlderLabelledExamples(ctx);
    if (!classifier)
      return {
        ...ctx,
        classifier: new CategoryModelNotLoaded(city.city.config.classification.minConfidence),
      };
    const model = await loadClassifier(
      city.city,
      { corpusDir: config.corpusDir, modelDir: modelDirOf(config) },
      store.db,
    );
    if (model.trained) log.info({ examples: model.examples }, 'category model trained');
    return { ...ctx, classifier: model.classifier };
  } catch (error) {
    await store.close();
    throw error;
  }
}
