import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledText } from './corpus.js';
import { featuresOf } from './features.js';
import { LinearModel, type ModelFile } from './linear-model.js';
import { DEFAULT_TRAINING, type TrainingDoc, trainModel } from './train.js';

const MODEL_FILE = 'category-model.json';

export const modelFilePath = (dir: string): string => path.join(dir, MODEL_FILE);

const docsOf = (examples: readonly LabelledText[]): TrainingDoc[] =>
  examples.map((e) => ({ features: featuresOf(e.text), label: e.category }));

/**
 * Identifies a training set as the model sees it: every example's label and features. A change to the
 * examples, the normaliser, the stemmer or the feature code therefore retires a cached model by itself.
 */
function fingerprintOf(docs: readonly TrainingDoc[], labels: readonly string[]): string {
  const hash = createHash('sha256').update(labels.join(',')).update('\n');
  for (const d of docs) hash.update(`${d.label}\t${d.features.join('|')}\n`);
  return hash.digest('hex').slice(0, 16);
}

function trainDocs(docs: readonly TrainingDoc[], labels: readonly string[], fingerprint: string): ModelFile {
  return trainModel(docs, labels, DEFAULT_TRAINING).toFile({
    trainedAt: new Date().toISOString(),
    fingerprint,
    examples: docs.length,
  });
}

export function trainFile(examples: readonly LabelledText[], labels: readonly string[]): ModelFile {
  const docs = docsOf(examples);
  return trainDocs(docs, labels, fingerprintOf(docs, labels));
}

export async function readModelFile(file: string): Promise<ModelFile | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ModelFile;
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a model. */
export async function saveModelFile(dir: string, model: ModelFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = modelFilePath(dir);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(model), { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/**
 * The model for these examples: the one cached in `dir` when it was trained on exactly them, else a newly
 * trained one (a few seconds), which is then cached. `dir` null: train, keep nothing.
 */
export async function loadOrTrain(
  dir: string | null,
  examples: readonly LabelledText[],
  labels: readonly string[],
): Promise<{ model: LinearModel; file: ModelFile; trained: boolean }> {
  const docs = docsOf(examples);
  const fingerprint = fingerprintOf(docs, labels);
  const cached = dir ? await readModelFile(modelFilePath(dir)) : null;
  if (cached?.fingerprint === fingerprint)
    return { model: LinearModel.fromFile(cached), file: cached, trained: false };
  const file = trainDocs(docs, labels, fingerprint);
  if (dir) await saveModelFile(dir, file);
  return { model: LinearModel.fromFile(file), file, trained: true };
}
