/** What a city knows of how often each category is reported (city.json `classification`). */
export interface ReportVolumes {
  /** Reports per category code over some period; categories not listed share what `total` leaves. */
  volumes?: Readonly<Record<string, number>>;
  /** All reports over the same period. */
  volumesTotal?: number;
  /** 0–1: how far the city's volumes move the model from its training set's own class balance (default 0.5). */
  priorStrength?: number;
}

export const DEFAULT_PRIOR_STRENGTH = 0.5;

/**
 * Class priors: for each label of a model, the factor its probability is multiplied by so that the model leans
 * towards what the city really receives instead of its corpus's balance (about as many lines per category):
 * (city share / training share) ^ strength. A category without a volume gets an equal part of what the listed
 * ones leave of the total. Null when the city lists no volumes, or the model does not say what it trained on.
 * Bayes' rule would use strength 1 with a calibrated model and exact volumes; a city that knows only a few
 * volumes (Jakarta publishes the top three) is better served by half of it.
 */
export function classPrior(
  labels: readonly string[],
  labelCounts: readonly number[] | undefined,
  city: ReportVolumes,
): number[] | null {
  const { volumes, volumesTotal } = city;
  if (!volumes || !volumesTotal || !labelCounts || labelCounts.length !== labels.length) return null;
  const strength = city.priorStrength ?? DEFAULT_PRIOR_STRENGTH;
  const listed = labels.filter((l) => volumes[l] !== undefined);
  const left = Math.max(0, volumesTotal - listed.reduce((s, l) => s + volumes[l]!, 0));
  const unlisted = labels.length - listed.length;
  const trained = labelCounts.reduce((s, n) => s + n, 0);
  if (trained === 0) return null;
  return labels.map((label, k) => {
    const share = (volumes[label] ?? (unlisted ? left / unlisted : 0)) / volumesTotal;
    const trainedShare = labelCounts[k]! / trained;
    // A label with no training examples or no reports keeps the model's own view of it.
    if (share <= 0 || trainedShare <= 0) return 1;
    return Math.pow(share / trainedShare, strength);
  });
}
