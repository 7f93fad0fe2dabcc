import { BoundedCache } from '../text/bounded-cache.js';
/** The stored form of a model: plain JSON, weights as base64 of little-endian float32. */
export interface ModelFile {
  format: 'sigap-linear-v1';
  labels: string[];
  features: string[];
  weights: string;
  bias: number[];
  temperature: number;
  /** The temperature for letters (see `isLetter`), fitted on realistic text; absent: `temperature`. */
  letterTemperature?: number;
  trainedAt: string;
  /** What it was trained on, so a stale model can be recognised. */
  fingerprint: string;
  examples: number;
  /** Training examples per label, in `labels` order: the prior the model learnt, for class priors. */
  labelCounts?: number[];
}

export interface Scored {
  category: string;
  confidence: number;
}

/**
 * Multinomial logistic regression over sparse binary features, scaled by 1/√n so long and short texts weigh
 * alike. A feature listed twice counts twice (features.ts lists a letter's title and request words three
 * times). `temperature` divides the scores before the softmax; it is fitted on held-out predictions of realistic
 * texts so that a confidence of 0.8 means right about 80% of the time.
 *
 * A word the model does not know is read as the known word one letter away (a letter dropped, added, changed
 * or two swapped: "sluran" → "saluran") when exactly one such word of five letters or more exists: misspellings
 * the normaliser's tables do not list still count, at the cost of a few lookups per unknown word only. Character
 * n-gram features would do the same for every word and were four times slower (docs/DECISIONS.md).
 */
export class LinearModel {
  private readonly index: Map<string, number>;

  constructor(
    readonly labels: readonly string[],
    readonly features: readonly string[],
    /** features × labels, row-major. */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
    public temperature: number,
    public letterTemperature = temperature,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
    if (weights.length !== features.length * labels.length || bias.length !== labels.length)
      throw new Error('model weights do not match its features and labels');
  }

  /**
   * Feature ids known to the model; an unknown word is read as its one known neighbour (see above), other unknown
   * features carry no information and are dropped.
   */
  encode(features: readonly string[]): number[] {
    const ids: number[] = [];
    for (const f of features) {
      const id = this.index.get(f) ?? this.nearWord(f);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  private near: Map<string, number> | undefined;
  // Unknown words recur (a writer's habit, a common misspelling): each is looked up once, -1 for none.
  private readonly nearCache = new BoundedCache<string, number>(20_000);

  /** The id of the only known word one edit away from an unknown word, if there is exactly one. */
  nearWord(word: string): number | undefined {
    if (word.length < MIN_NEAR_WORD - 1 || word.includes(' ')) return undefined;
    const cached = this.nearCache.get(word);
    if (cached !== undefined) return cached < 0 ? undefined : cached;
    const found = this.findNearWord(word);
    this.nearCache.set(word, found ?? -1);
    return found;
  }

  private findNearWord(word: string): number | undefined {
    const near = (this.near ??= deletionIndex(this.features));
    // A known word with one letter more (the writer dropped one).
    let found = word.length >= MIN_NEAR_WORD - 1 ? near.get(word) : undefined;
    if (found === AMBIGUOUS) return undefined;
    for (let i = 0; i < word.length; i++) {
      const shorter = word.slice(0, i) + word.slice(i + 1);
      // A known word with one letter less (the writer added one), or one letter changed or two swapped.
      const known = shorter.length >= MIN_NEAR_WORD ? this.index.get(shorter) : undefined;
      for (const id of [known, near.get(shorter)]) {
        if (id === undefined) continue;
        if (id === AMBIGUOUS || (found !== undefined && found !== id)) return undefined;
        found = id;
      }
    }
    return found;
  }

  /** Raw scores (logits) of every label for encoded features. */
  logits(ids: readonly number[], out = new Float64Array(this.labels.length)): Float64Array {
    const n = this.labels.length;
    const scale = ids.length ? 1 / Math.sqrt(ids.length) : 0;
    for (let k = 0; k < n; k++) out[k] = this.bias[k]!;
    for (const id of ids) {
      const row = id * n;
      for (let k = 0; k < n; k++) out[k]! += this.weights[row + k]! * scale;
    }
    return out;
  }

  /**
   * Calibrated probabilities of every label: at the letters' temperature for a letter. `prior`: a factor per
   * label the probabilities are multiplied by before they are normalised again (class priors), or null.
   */
  probabilities(
    ids: readonly number[],
    letter = false,
    prior: readonly number[] | null = null,
  ): Float64Array {
    const p = softmax(this.logits(ids), letter ? this.letterTemperature : this.temperature);
    if (!prior) return p;
    let sum = 0;
    for (let k = 0; k < p.length; k++) sum += p[k]! *= prior[k] ?? 1;
    for (let k = 0; k < p.length; k++) p[k]! /= sum;
    return p;
  }

  /** The `k` most likely labels, best first. */
  top(ids: readonly number[], k: number, letter = false, prior: readonly number[] | null = null): Scored[] {
    const p = this.probabilities(ids, letter, prior);
    const best: number[] = [];
    for (let i = 0; i < p.length; i++) {
      let at = best.length;
      while (at > 0 && p[i]! > p[best[at - 1]!]!) at--;
      if (at < k) {
        best.splice(at, 0, i);
        if (best.length > k) best.pop();
      }
    }
    return best.map((i) => ({ category: this.labels[i]!, confidence: p[i]! }));
  }

  toFile(meta: Pick<ModelFile, 'trainedAt' | 'fingerprint' | 'examples' | 'labelCounts'>): ModelFile {
    return {
      format: 'sigap-linear-v1',
      labels: [...this.labels],
      features: [...this.features],
      weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength).toString(
        'base64',
      ),
      bias: [...this.bias],
      temperature: this.temperature,
      letterTemperature: this.letterTemperature,
      ...meta,
    };
  }

  static fromFile(file: ModelFile): LinearModel {
    if (file.format !== 'sigap-linear-v1') throw new Error(`unknown model format "${String(file.format)}"`);
    const bytes = Buffer.from(file.weights, 'base64');
    const weights = new Float32Array(bytes.length / 4);
    Buffer.from(weights.buffer).set(bytes);
    return new LinearModel(
      file.labels,
      file.features,
      weights,
      Float32Array.from(file.bias),
      file.temperature,
      file.letterTemperature ?? file.temperature,
    );
  }
}

/** Known words shorter than this are never matched to a misspelling: too many are one letter apart. */
export const MIN_NEAR_WORD = 5;
const AMBIGUOUS = -1;

/** Every one-letter deletion of every known word of MIN_NEAR_WORD letters or more → its id (AMBIGUOUS if several). */
function deletionIndex(features: readonly string[]): Map<string, number> {
  const near = new Map<string, number>();
  features.forEach((f, id) => {
    if (f.length < MIN_NEAR_WORD || f.includes(' ')) return;
    for (let i = 0; i < f.length; i++) {
      const variant = f.slice(0, i) + f.slice(i + 1);
      const seen = near.get(variant);
      near.set(variant, seen === undefined || seen === id ? id : AMBIGUOUS);
    }
  });
  return near;
}

export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    out[k] = Math.exp((logits[k]! - max) / temperature);
    sum += out[k]!;
  }
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
  return out;
}
