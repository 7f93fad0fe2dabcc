import { mulberry32 } from '../domain/random.js';
import { LinearModel, softmax } from './linear-model.js';

export interface TrainingDoc {
  features: readonly string[];
  label: string;
  /**
   * Written the way citizens write to the city (long letters, officers' re-labelled reports) rather than the
   * corpus's short lines: the temperature is fitted on these when there are any.
   */
  realistic?: boolean;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per epoch, as a fraction the weights shrink by. */
  l2: number;
  /** A feature must occur in this many documents to enter the vocabulary. */
  minDocuments: number;
  /** Folds for the held-out predictions the temperature is fitted on. */
  folds: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 12,
  learningRate: 0.4,
  l2: 0.002,
  minDocuments: 2,
  folds: 4,
  seed: 20261123,
};

interface Encoded {
  ids: number[];
  label: number;
}

function vocabulary(docs: readonly TrainingDoc[], minDocuments: number): string[] {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const f of new Set(doc.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= minDocuments).map(([f]) => f);
}

function shuffled(n: number, random: () => number): number[] {
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Softmax regression by AdaGrad over the documents in a seeded random order, with L2 shrinkage per epoch. */
function fit(model: LinearModel, docs: readonly Encoded[], options: TrainingOptions): void {
  const n = model.labels.length;
  const { weights, bias } = model;
  const squared = new Float32Array(weights.length).fill(1e-6);
  const biasSquared = new Float64Array(n).fill(1e-6);
  const random = mulberry32(options.seed);
  const logits = new Float64Array(n);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const d of shuffled(docs.length, random)) {
      const doc = docs[d]!;
      const p = softmax(model.logits(doc.ids, logits));
      const scale = doc.ids.length ? 1 / Math.sqrt(doc.ids.length) : 0;
      for (let k = 0; k < n; k++) {
        const gradient = p[k]! - (k === doc.label ? 1 : 0);
        if (Math.abs(gradient) < 1e-4) continue;
        biasSquared[k]! += gradient * gradient;
        bias[k]! -= (options.learningRate * gradient) / Math.sqrt(biasSquared[k]!);
        const g = gradient * scale;
        for (const id of doc.ids) {
          const w = id * n + k;
          squared[w]! += g * g;
          weights[w]! -= (options.learningRate * g) / Math.sqrt(squared[w]!);
        }
      }
    }
    const keep = 1 - options.l2;
    for (let w = 0; w < weights.length; w++) weights[w]! *= keep;
  }
}

function untrained(labels: readonly string[], features: readonly string[]): LinearModel {
  return new LinearModel(
    labels,
    features,
    new Float32Array(features.length * labels.length),
    new Float32Array(labels.length),
    1,
  );
}

function encodeAll(model: LinearModel, docs: readonly TrainingDoc[], labels: readonly string[]): Encoded[] {
  return docs.map((doc) => ({ ids: model.encode(doc.features), label: labels.indexOf(doc.label) }));
}

/** Negative log-likelihood of held-out logits at a temperature. */
function nll(held: { logits: Float64Array; label: number }[], temperature: number): number {
  let total = 0;
  for (const h of held) total -= Math.log(Math.max(1e-12, softmax(h.logits, temperature)[h.label]!));
  return total / held.length;
}

/** The temperature that makes held-out confidences honest: the minimum of their NLL on a fine grid. */
function fitTemperature(held: { logits: Float64Array; label: number }[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.2; t <= 5; t += 0.05) {
    const loss = nll(held, t);
    if (loss < bestLoss) [best, bestLoss] = [Math.round(t * 100) / 100, loss];
  }
  return best;
}

/** Held-out logits of every document, in order, from k models, each trained without the document's fold. */
function crossValidatedLogits(
  docs: readonly TrainingDoc[],
  labels: readonly string[],
  options: TrainingOptions,
): { logits: Float64Array; label: number }[] {
  const order = shuffled(docs.length, mulberry32(options.seed + 1));
  const foldOf = new Int32Array(docs.length);
  order.forEach((d, i) => (foldOf[d] = i % options.folds));
  const held: { logits: Float64Array; label: number }[] = new Array(docs.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const train = docs.filter((_, i) => foldOf[i] !== fold);
    const model = untrained(labels, vocabulary(train, options.minDocuments));
    fit(model, encodeAll(model, train, labels), options);
    docs.forEach((doc, i) => {
      if (foldOf[i] === fold)
        held[i] = { logits: model.logits(model.encode(doc.features)), label: labels.indexOf(doc.label) };
    });
  }
  return held;
}

/**
 * Trains on every document, then fits two temperatures on predictions of texts the model did not train on: one
 * for short messages (cross-validated predictions of the other documents) and one for letters, on realistic text
 * (cross-validated predictions of the realistic documents plus the final model's predictions of `calibration`,
 * texts kept for tuning and never trained on). Short corpus lines are easier than letters: one temperature fitted
 * on them made the model over-confident on letters, and one fitted on letters made it unsure of short messages.
 */
export function trainModel(
  docs: readonly TrainingDoc[],
  labels: readonly string[],
  options: TrainingOptions = DEFAULT_TRAINING,
  calibration: readonly TrainingDoc[] = [],
): LinearModel {
  const unknown = [...docs, ...calibration].find((d) => !labels.includes(d.label));
  if (unknown) throw new Error(`training example labelled "${unknown.label}", which is not a category`);
  const model = untrained(labels, vocabulary(docs, options.minDocuments));
  fit(model, encodeAll(model, docs, labels), options);
  if (options.folds <= 1) return model;
  const held = crossValidatedLogits(docs, labels, options);
  const short = held.filter((_, i) => !docs[i]!.realistic);
  model.temperature = fitTemperature(short.length ? short : held);
  const realistic = held.filter((_, i) => docs[i]!.realistic);
  for (const doc of calibration)
    realistic.push({ logits: model.logits(model.encode(doc.features)), label: labels.indexOf(doc.label) });
  model.letterTemperature = realistic.length ? fitTemperature(realistic) : model.temperature;
  return model;
}
