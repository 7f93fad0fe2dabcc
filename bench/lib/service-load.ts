import type { AppContext } from '../../server/src/services/app/app-context.js';
import { createReport } from '../../server/src/services/intake/intake.js';
import { type LoadRun, runLoad } from './load.js';
import type { ReportInput } from './report-input.js';

/** The server's intake service called in-process, without HTTP: what the route handler awaits. */
export async function runServiceLoad(
  ctx: AppContext,
  inputs: ReportInput[],
  concurrency: number,
  warmup: number,
  total: number,
  onMeasureStart?: () => void,
): Promise<LoadRun> {
  const once = async (i: number) => {
    await createReport(ctx, inputs[i % inputs.length]!, [], null);
  };
  await runLoad(concurrency, warmup, once);
  onMeasureStart?.();
  return runLoad(concurrency, total, (i) => once(warmup + i));
}
