/** The stored form of a model: plain JSON, weights as base64 of little-endian float32. */
export interface ModelFile {
  format: 'sigap-linear-v1';
  labels: string[];
  features: string[];
  weights: string;
  bias: number[];
  temperature: number;
  trainedAt: string;
  /** What it was trained on, so a stale model can be recognised. */
  fingerprint: string;
  examples: number;
}

export interface Scored {
  category: string;
  confidence: number;
}

/**
 * Multinomial logistic regression over sparse binary features, scaled by 1/√n so long and short texts weigh
 * alike. `temperature` divides the scores before the softmax; it is fitted on held-out predictions so that
 * a confidence of 0.8 means right about 80% of the time.
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
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
    if (weights.length !== features.length * labels.length || bias.length !== labels.length)
      throw new Error('model weights do not match its features and labels');
  }

  /** Feature ids known to the model; unknown features carry no information and are dropped. */
  encode(features: readonly string[]): number[] {
    const ids: number[] = [];
    for (const f of features) {
      const id = this.index.get(f);
      if (id !== undefined) ids.push(id);
    }
    return ids;
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

  /** Calibrated probabilities of every label. */
  probabilities(ids: readonly number[]): Float64Array {
    return softmax(this.logits(ids), this.temperature);
  }

  /** The `k` most likely labels, best first. */
  top(ids: readonly number[], k: number): Scored[] {
    const p = this.probabilities(ids);
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

  toFile(meta: Pick<ModelFile, 'trainedAt' | 'fingerprint' | 'examples'>): ModelFile {
    return {
      format: 'sigap-linear-v1',
      labels: [...this.labels],
      features: [...this.features],
      weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength).toString(
        'base64',
      ),
      bias: [...this.bias],
      temperature: this.temperature,
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
    );
  }
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
