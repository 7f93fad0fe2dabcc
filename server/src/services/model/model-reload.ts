import { loggableError } from '../../security/loggable-error.js';
import { LinearModel } from '../../classify/linear-model.js';
import { modelFilePath, readModelFile } from '../../classify/model-cache.js';
import type { AppContext } from '../app/app-context.js';
import { classifierFor } from './category-model.js';

/**
 * Picks up a model that `sigap classify --train` (or another process) wrote into the model folder: when the
 * file holds another model than the one in use, the classifier is swapped for new reports. Returns whether it
 * did.
 */
export async function reloadModelIfChanged(ctx: AppContext, modelDir: string): Promise<boolean> {
  const file = modelFilePath(modelDir);
  const stored = await readModelFile(file);
  if (!stored || stored.fingerprint === ctx.classifier.version) return false;
  if (stored.labels.some((code) => !ctx.city.city.categories.has(code))) {
    ctx.log.warn({ file }, 'category model names categories this city does not have; not loaded');
    return false;
  }
  ctx.classifier = classifierFor(ctx.city.city, LinearModel.fromFile(stored), stored);
  ctx.log.info({ model: stored.fingerprint, examples: stored.examples }, 'category model reloaded');
  return true;
}

/** Checks the model folder every `seconds`; the returned function stops it. */
export function startModelReload(ctx: AppContext, modelDir: string, seconds: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reloadModelIfChanged(ctx, modelDir)
      .catch((error: unknown) => ctx.log.error({ err: loggableError(error) }, 'category model reload failed'))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
