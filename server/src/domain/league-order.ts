/**
 * The order of a league table. A unit that completed one report on time would otherwise rank above one that
 * completed 60 of 61 on time: each share is ranked by the lower end of its 95% Wilson score interval, which asks
 * how good the unit surely is given how many reports the share rests on (a small count earns little certainty).
 */
const Z = 1.959964; // the 97.5th percentile of the standard normal: a two-sided 95% interval

/** The lower bound of the 95% Wilson score interval for `successes` out of `trials`; null when there were none. */
export function wilsonLowerBound(successes: number, trials: number): number | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * trials);
  const spread = Z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials);
  return Math.max(0, (centre - spread) / (1 + z2 / trials));
}

export interface LeagueCounts {
  code: string;
  received: number;
  /** completed in the period, and of those completed within their SLA */
  resolved: number;
  resolvedOnTime: number;
  /** received in the period and done by now */
  done: number;
}

/** Best first: surely-on-time completion, then surely-done share, then volume, then code (a stable order). */
export function byLeaguePerformance(a: LeagueCounts, b: LeagueCounts): number {
  const score = (bound: number | null) => bound ?? -1;
  return (
    score(wilsonLowerBound(b.resolvedOnTime, b.resolved)) -
      score(wilsonLowerBound(a.resolvedOnTime, a.resolved)) ||
    score(wilsonLowerBound(b.done, b.received)) - score(wilsonLowerBound(a.done, a.received)) ||
    b.received - a.received ||
    a.code.localeCompare(b.code)
  );
}
