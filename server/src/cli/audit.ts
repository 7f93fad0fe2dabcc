import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import type { AppContext } from '../services/app/app-context.js';
import { bootContext } from '../services/app/boot.js';
import { verifyHistory } from '../services/audit/verify.js';
import { bilingual, CommandError } from './messages.js';

/** Verifies and writes the problems (one JSON line each) and a summary; throws when anything is off. */
export async function writeVerification(ctx: AppContext, output: Writable): Promise<void> {
  const result = await verifyHistory(ctx);
  for (const problem of result.problems) output.write(`${JSON.stringify(problem)}\n`);
  const head = result.auditHead ? ` #${result.auditHead.id} ${result.auditHead.hash}` : ' —';
  output.write(
    `${bilingual({
      id: `jejak audit: ${result.auditEntries} entri; laporan: ${result.reports} dengan ${result.events} peristiwa; ujung rantai audit:${head}`,
      en: `audit trail: ${result.auditEntries} entries; reports: ${result.reports} with ${result.events} events; audit chain head:${head}`,
    })}\n`,
  );
  if (result.problems.length > 0)
    throw new CommandError({
      id: `${result.problems.length} masalah: riwayat telah diubah di luar Sigap`,
      en: `${result.problems.length} problems: the history was changed outside Sigap`,
    });
  output.write(`${bilingual({ id: 'rantai utuh', en: 'chains intact' })}\n`);
}

/**
 * `sigap audit verify`: checks the audit trail's and every report history's hash chain and that each report's
 * state is what its history makes of it. One JSON line per problem, then a summary; exit 1 when anything is off.
 */
export async function auditVerifyCommand(config: Config, output: Writable = process.stdout): Promise<void> {
  const ctx = await bootContext(config, undefined, { classifier: false, syncCity: false });
  try {
    await writeVerification(ctx, output);
  } finally {
    await ctx.store.close();
  }
}
