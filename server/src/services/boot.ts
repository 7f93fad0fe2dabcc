import path from 'node:path';
import pino, { type Logger } from 'pino';
import { type Config, modelDirOf } from '../config.js';
import { FileMediaStore } from '../media/media-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../media/media-types.js';
import { Vault } from '../security/vault.js';
import { openStore } from '../store/database.js';
import type { AppContext } from './app-context.js';
import { loadCityContext } from './city-context.js';
import { loadClassifier } from './category-model.js';
import { MediaService } from './media-service.js';
import { syncReferenceData } from './reference-data.js';

export function createLogger(level: string): Logger {
  // Only what is needed to operate: bodies, headers and query strings never reach the log.
  // Lines go out asynchronously (several per write while one is in flight) and are flushed when the process
  // exits; a crash can lose the last few milliseconds of them. The audit trail lives in the database.
  return pino(
    {
      level,
      redact: { paths: ['req.headers', 'req.query', 'req.body', '*.token', '*.password'], remove: true },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

/** Opens everything the platform needs, from configuration: the store, the city, the vault, the media folder. */
export async function bootContext(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: { syncCity: boolean } = { syncCity: true },
): Promise<AppContext> {
  const city = await loadCityContext(config.cityDir);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : config.dataDir,
  });
  try {
    if (options.syncCity) await syncReferenceData(store.db, city);
    const vault = await Vault.open({ base64Key: config.vaultKey, dataDir: config.dataDir });
    const media = new MediaService(
      new FileMediaStore(path.join(config.dataDir, 'media')),
      DEFAULT_MEDIA_LIMITS,
      path.join(config.dataDir, 'tmp'),
    );
    const model = await loadClassifier(
      city.city,
      { corpusDir: config.corpusDir, modelDir: modelDirOf(config) },
      store.db,
    );
    if (model.trained) log.info({ examples: model.examples }, 'category model trained');
    return { store, city, vault, media, classifier: model.classifier, now: () => new Date(), log };
  } catch (error) {
    await store.close();
    throw error;
  }
}
