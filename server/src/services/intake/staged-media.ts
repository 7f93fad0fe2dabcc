import { loggableError } from '../../security/loggable-error.js';
import type { AppContext } from '../app/app-context.js';
import type { IngestedMedia, IngestOptions, Upload } from './media-service.js';

/**
 * Ingests uploads into staging, runs `write` (the transaction that names them) and then makes the files
 * readable; when `write` fails (a refused or rolled-back report, a twin delivery that lost the race) the staged
 * files are removed. A process stopping between the two is covered by the staging sweep (sweep-staging job).
 */
export async function withStagedMedia<T>(
  ctx: AppContext,
  uploads: Upload[],
  options: { evidence?: boolean },
  write: (media: IngestedMedia[]) => Promise<T>,
): Promise<T> {
  const media = await ctx.media.ingest(uploads, options satisfies IngestOptions);
  let result: T;
  try {
    result = await write(media);
  } catch (error) {
    await ctx.media.discard(media).catch((failure: unknown) => {
      ctx.log.warn({ err: loggableError(failure) }, 'staged media not removed; the staging sweep will');
    });
    throw error;
  }
  // committed: a failure to promote now must not fail the request, the sweep promotes what is left
  await ctx.media.promote(media).catch((failure: unknown) => {
    ctx.log.warn({ err: loggableError(failure) }, 'media not promoted yet; the staging sweep will');
  });
  return result;
}
