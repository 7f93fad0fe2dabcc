import type { City, RoutingRule } from './city-types.js';
import { regionChain } from './regions.js';
import { resolveTarget } from './unit-lookup.js';

export interface RouteResult {
  unitId: string;
  /** The rule that decided, with its line, for the report's history. */
  ruleText: string;
}

/** Raised when no rule or no unit fits; the loader turns it into a CityDataError naming routing.csv. */
export class RoutingError extends Error {
  constructor(
    message: string,
    readonly rule: RoutingRule | null,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

/**
 * The rule that decides for `category` in kelurahan `kelurahanCode`: among the category's rules whose region is
 * `*` or contains the kelurahan, the one with the most specific region; null when none fits.
 */
export function matchingRule(city: City, category: string, kelurahanCode: string): RoutingRule | null {
  const chain = regionChain(city, kelurahanCode);
  // chain is innermost first, so a smaller index means a more specific region; `*` ranks last.
  const rank = (rule: RoutingRule): number =>
    rule.regionCode === null ? chain.length : chain.findIndex((r) => r.code === rule.regionCode);
  let best: RoutingRule | null = null;
  for (const rule of city.routingRules) {
    if (rule.category !== category || rank(rule) < 0) continue;
    if (best === null || rank(rule) < rank(best)) best = rule;
  }
  return best;
}

/** The unit that must handle a report of `category` located in kelurahan `kelurahanCode` (see matchingRule). */
export function routeReport(city: City, category: string, kelurahanCode: string): RouteResult {
  if (!city.categories.has(category)) throw new RoutingError(`unknown category "${category}"`, null);
  const chain = regionChain(city, kelurahanCode);
  if (chain[0]?.level !== 'kelurahan')
    throw new RoutingError(`"${kelurahanCode}" is not a kelurahan code`, null);
  const best = matchingRule(city, category, kelurahanCode);
  if (best === null) throw new RoutingError(`no rule for category "${category}" in ${kelurahanCode}`, null);
  const resolved = resolveTarget(city, best.target, chain);
  if ('error' in resolved) throw new RoutingError(`${best.text}: ${resolved.error}`, best);
  return { unitId: resolved.unitId, ruleText: best.text };
}

/**
 * The unit a category goes to wherever it happens, when its `*` rule names a unit directly (Jakarta: pungli →
 * Inspektorat); null when the category's handler depends on the place.
 */
export function routeWithoutPlace(city: City, category: string): RouteResult | null {
  const rule = city.routingRules.find(
    (r) => r.category === category && r.regionCode === null && r.target.type === 'unit',
  );
  if (!rule || rule.target.type !== 'unit' || !city.units.has(rule.target.unitId)) return null;
  return { unitId: rule.target.unitId, ruleText: rule.text };
}
