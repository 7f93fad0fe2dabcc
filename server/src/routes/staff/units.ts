import type { City } from '../../city/city-types.js';

export interface UnitsFilter {
  q?: string;
  parent?: string;
  kind?: string;
  cursor?: string;
  limit?: number;
}

/** The city's units that match, ordered by id, one page at a time (the cursor is the last id of a page). */
export function listUnits(city: City, filter: UnitsFilter) {
  const q = filter.q?.trim().toLowerCase();
  const limit = filter.limit ?? 50;
  const matching = [...city.units.values()]
    .filter(
      (u) =>
        (!q || u.name.toLowerCase().includes(q) || u.id.includes(q)) &&
        (!filter.parent || u.parentId === filter.parent) &&
        (!filter.kind || u.kind === filter.kind) &&
        (!filter.cursor || u.id > filter.cursor),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = matching.slice(0, limit);
  return {
    items: page.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId })),
    nextCursor: matching.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
