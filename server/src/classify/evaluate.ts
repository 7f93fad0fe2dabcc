export interface Prediction {
  expected: string;
  predicted: string;
  confidence: number;
  /** The model's three best categories, best first, when known: for the top-3 accuracy. */
  top3?: readonly string[];
}

export interface CalibrationBin {
  /** Confidences in [from, to). */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Evaluation {
  count: number;
  accuracy: number;
  macroF1: number;
  perCategory: { category: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[expected][predicted] = count */
  confusion: Record<string, Record<string, number>>;
  /** At the triage threshold: the share decided automatically and how often those were right. */
  automatic: { threshold: number; share: number; accuracy: number };
  /** Expected calibration error over 10 confidence bins: how far confidence is from the accuracy it claims. */
  calibrationError: number;
  /** The 10 bins the calibration error is computed from (empty bins left out). */
  calibration: CalibrationBin[];
  /** Share of predictions whose expected category is among their top 3; null when no prediction has a top 3. */
  top3Accuracy: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function evaluate(
  predictions: readonly Prediction[],
  labels: readonly string[],
  threshold: number,
): Evaluation {
  const confusion: Record<string, Record<string, number>> = {};
  for (const e of labels) confusion[e] = Object.fromEntries(labels.map((p) => [p, 0]));
  for (const p of predictions) {
    const row = (confusion[p.expected] ??= {});
    row[p.predicted] = (row[p.predicted] ?? 0) + 1;
  }
  const perCategory = labels.map((category) => {
    const tp = confusion[category]?.[category] ?? 0;
    const support = predictions.filter((p) => p.expected === category).length;
    const predicted = predictions.filter((p) => p.predicted === category).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { category, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const present = perCategory.filter((c) => c.support > 0);
  const right = (p: Prediction) => p.expected === p.predicted;
  const sure = predictions.filter((p) => p.confidence >= threshold);
  let calibrationGap = 0;
  const calibration: CalibrationBin[] = [];
  for (let bin = 0; bin < 10; bin++) {
    const inBin = predictions.filter((p) => Math.min(9, Math.floor(p.confidence * 10)) === bin);
    if (!inBin.length) continue;
    const meanConfidence = inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length;
    const accuracy = ratio(inBin.filter(right).length, inBin.length);
    calibrationGap += (inBin.length / predictions.length) * Math.abs(meanConfidence - accuracy);
    calibration.push({ from: bin / 10, to: (bin + 1) / 10, count: inBin.length, meanConfidence, accuracy });
  }
  const withTop3 = predictions.filter((p) => p.top3);
  return {
    count: predictions.length,
    accuracy: ratio(predictions.filter(right).length, predictions.length),
    macroF1: ratio(
      present.reduce((s, c) => s + c.f1, 0),
      present.length,
    ),
    perCategory,
    confusion,
    automatic: {
      threshold,
      share: ratio(sure.length, predictions.length),
      accuracy: ratio(sure.filter(right).length, sure.length),
    },
    calibrationError: calibrationGap,
    calibration,
    top3Accuracy: withTop3.length
      ? ratio(withTop3.filter((p) => p.top3!.includes(p.expected)).length, withTop3.length)
      : null,
  };
}
