/** Orders rows of a self-referencing table so that every parent comes before its children. */
export function parentsFirst<T extends { id: unknown; parent_id?: unknown }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const done = new Set<unknown>();
  const out: T[] = [];
  const visit = (r: T) => {
    if (done.has(r.id)) return;
    done.add(r.id);
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    if (parent) visit(parent);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}
