import { featuresOf, isLetter } from './features.js';
import type { LinearModel, Scored } from './linear-model.js';

export interface Classification {
  category: string;
  /** Calibrated probability of `category`, 0–1. */
  confidence: number;
  top3: Scored[];
  /** False when the confidence is below the threshold: a person decides (the triage desk). */
  sure: boolean;
  model: string;
}

const round = (p: number) => Math.round(p * 1000) / 1000;

/** A trained model plus the confidence at or above which its answer routes a report without a person. */
export class Classifier {
  constructor(
    readonly model: LinearModel,
    readonly minConfidence: number,
    /** Short id of the model (its training fingerprint), recorded with every decision. */
    readonly version: string,
    /** Class priors: a factor per label of the model (prior.ts), or null for the training set's own. */
    readonly prior: readonly number[] | null = null,
  ) {}

  classify(text: string): Classification {
    const ids = this.model.encode(featuresOf(text));
    const top3 = this.model.top(ids, 3, isLetter(text), this.prior).map((s) => ({
      category: s.category,
      confidence: round(s.confidence),
    }));
    const best = top3[0]!;
    return {
      category: best.category,
      confidence: best.confidence,
      top3,
      sure: best.confidence >= this.minConfidence,
      model: this.version,
    };
  }
}
