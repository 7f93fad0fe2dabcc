import { randomUUID } from 'node:crypto';
import type { ReportState } from '../../domain/report-state.js';
import type { Transaction } from 'kysely';
import {
  insertLabelledExample,
  setRedactedExampleText,
  unredactedLabelledExamples,
} from '../../store/labelled-example-repository.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../app/app-context.js';
import { publicTextWith } from '../intake/public-text.js';
import { redactionTermsFor } from '../reads/redaction-terms.js';

const BATCH = 200;

/**
 * An officer's correction as training data, with the report's text masked like its public text (`maskedText`,
 * from publicTextFor: the reporter's name and each part of it, phone, e-mail, NIK; any phone, e-mail or NIK), so no
 * reporter becomes a feature of the model file. The masking opens the vault: it is done before the transaction.
 */
export async function recordLabelledExample(
  tx: Transaction<Database>,
  example: {
    report: ReportState;
    maskedText: string;
    category: string;
    previousCategory: string;
    labelledBy: string | null;
    at: Date;
  },
): Promise<void> {
  await insertLabelledExample(tx, {
    id: randomUUID(),
    report_id: example.report.id,
    text: example.maskedText,
    category_code: example.category,
    previous_category_code: example.previousCategory,
    source: 'officer',
    labelled_by: example.labelledBy,
    created_at: example.at,
    redacted: true,
  });
}

/**
 * Masks labelled examples stored with the raw report text (before 0017-labelled-example-redacted). Runs at start,
 * before the category model is loaded: the model's inputs then change, so the cached model, whose vocabulary could
 * hold a reporter's name, is trained again and overwritten. Returns how many rows it masked.
 */
export async function redactOlderLabelledExamples(ctx: Pick<AppContext, 'store' | 'vault'>): Promise<number> {
  let written = 0;
  for (;;) {
    const batch = await unredactedLabelledExamples(ctx.store.db, BATCH);
    if (batch.length === 0) return written;
    const reports = batch.flatMap((e) => (e.report ? [e.report] : []));
    const terms = await redactionTermsFor(ctx, reports);
    for (const example of batch)
      await setRedactedExampleText(
        ctx.store.db,
        example.id,
        publicTextWith(example.text, example.report ? terms.get(example.report.id) : []),
      );
    written += batch.length;
  }
}
