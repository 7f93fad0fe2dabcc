// Durations kept as histograms (migration 0019, kpi_duration): bucket b holds durations in
// [60·2^(b/4), 60·2^((b+1)/4)) seconds, bucket 0 also everything under a minute. The same formula is the SQL
// function kpi_bucket; keep them together.

/** Buckets per doubling of the duration. */
export const BUCKETS_PER_OCTAVE = 4;

export function bucketOf(seconds: number): number {
  return Math.max(0, Math.floor((BUCKETS_PER_OCTAVE * Math.log(Math.max(seconds, 60) / 60)) / Math.LN2));
}

/** A bucket's geometric middle: within ±(2^(1/8) − 1) ≈ 9.05% of every duration in it (above a minute). */
export function bucketMiddle(bucket: number): number {
  return 60 * 2 ** ((bucket + 0.5) / BUCKETS_PER_OCTAVE);
}

/** The largest relative error of a median read from the histogram, for durations of a minute or more. */
export const MEDIAN_RELATIVE_ERROR = 2 ** (1 / (2 * BUCKETS_PER_OCTAVE)) - 1;

/**
 * The approximate median of the durations counted (bucket → count): the middle of the bucket holding the lower
 * median; null when nothing is counted. The true median lies in that bucket, so the answer is within
 * MEDIAN_RELATIVE_ERROR of it (for an even count the lower median, as percentile_disc(0.5) gives).
 */
export function medianOf(histogram: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total <= 0) return null;
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return bucketMiddle(bucket);
  }
  return null;
}

/** Histograms added bucket by bucket (several days, several keys). */
export function addHistograms(...histograms: ReadonlyMap<number, number>[]): Map<number, number> {
  const sum = new Map<number, number>();
  for (const h of histograms) for (const [b, n] of h) sum.set(b, (sum.get(b) ?? 0) + n);
  return sum;
}
