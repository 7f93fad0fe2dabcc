import type { Kysely } from 'kysely';
import { Classifier } from '../../classify/classifier.js';
import {
  CALIBRATION_PARTS,
  type LabelledText,
  readCorpusParts,
  TRAINING_PARTS,
} from '../../classify/corpus.js';
import type { LinearModel, ModelFile } from '../../classify/linear-model.js';
import { loadOrTrain } from '../../classify/model-cache.js';
import { classPrior } from '../../classify/prior.js';
import type { City } from '../../city/city-types.js';
import { listLabelledExamples } from '../../store/labelled-example-repository.js';
import type { Database } from '../../store/schema.js';

export interface ModelSource {
  corpusDir: string;
  /** Where the trained model is cached; null = train in memory only. */
  modelDir: string | null;
}

/** Corpus examples and letters plus officers' re-categorisations; the latest label of a report wins. */
export async function trainingExamples(
  city: City,
  corpusDir: string,
  db: Kysely<Database> | null,
): Promise<LabelledText[]> {
  const corpus = await readCorpusParts(corpusDir, TRAINING_PARTS, new Set(city.categories.keys()));
  if (!db) return corpus;
  const latest = new Map<string, LabelledText>();
  for (const e of await listLabelledExamples(db))
    latest.set(e.reportId ?? e.id, { id: `officer/${e.id}`, text: e.text, category: e.category });
  return [...corpus, ...latest.values()];
}

/** The city's classifier around a model: its threshold and its class priors (city.json `classification`). */
export function classifierFor(city: City, model: LinearModel, file: ModelFile): Classifier {
  const { classification } = city.config;
  return new Classifier(
    model,
    classification.minConfidence,
    file.fingerprint,
    classPrior(file.labels, file.labelCounts, classification),
  );
}

/** The corpus's texts kept for tuning (letters-dev): they set the letters' temperature, never the weights. */
export const calibrationExamples = (city: City, corpusDir: string): Promise<LabelledText[]> =>
  readCorpusParts(corpusDir, CALIBRATION_PARTS, new Set(city.categories.keys()));

export async function loadClassifier(
  city: City,
  source: ModelSource,
  db: Kysely<Database> | null,
): Promise<{ classifier: Classifier; trained: boolean; examples: number }> {
  const examples = await trainingExamples(city, source.corpusDir, db);
  const { model, file, trained } = await loadOrTrain(
    source.modelDir,
    examples,
    [...city.categories.keys()],
    await calibrationExamples(city, source.corpusDir),
  );
  return {
    classifier: classifierFor(city, model, file),
    trained,
    examples: examples.length,
  };
}
