import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

export interface PlanSummary {
  /** Plan nodes top-down, e.g. `Limit (rows=21) → Index Scan using report_open_queue_idx on report (rows=21)`. */
  chain: string;
  /** Indexes the plan reads; empty when it reads none. */
  indexes: string[];
  seqScan: boolean;
  sorts: boolean;
  rowsRemovedByFilter: number;
  /** `shared hit=… read=…` of the top node: every buffer the query touched. */
  buffers: string;
  executionMs: number;
  /** Short form for the table: the indexes read (`bitmap` when through a bitmap, `+sort` when sorted after), or SEQ SCAN. */
  verdict: string;
}

/** Runs `EXPLAIN (ANALYZE, BUFFERS)` of a query exactly as Kysely compiled it, and condenses the plan. */
export async function explain(pool: pg.Pool, query: CompiledQuery): Promise<PlanSummary> {
  const result = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, [
    ...query.parameters,
  ]);
  const lines = result.rows.map((r) => r['QUERY PLAN']);
  const nodes: string[] = [];
  const indexes: string[] = [];
  let seqScan = false;
  let sorts = false;
  let bitmap = false;
  let rowsRemovedByFilter = 0;
  let buffers = '';
  let executionMs = NaN;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (i === 0 || trimmed.startsWith('->')) {
      const name = trimmed
        .replace(/^->\s*/, '')
        .replace(/\s+\(cost=.*$/, '')
        .trim();
      const actual = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(trimmed);
      nodes.push(
        actual ? `${name} (rows=${actual[1]}${actual[2] === '1' ? '' : ` loops=${actual[2]}`})` : name,
      );
      const index =
        /Index (?:Only )?Scan(?: Backward)? using (\S+)/.exec(name) ??
        /Bitmap Index Scan on (\S+)/.exec(name);
      if (index?.[1]) indexes.push(index[1]);
      if (/Bitmap Heap Scan/.test(name)) bitmap = true;
      if (/Seq Scan/.test(name)) seqScan = true;
      if (/Sort/.test(name)) sorts = true;
    }
    const removed = /Rows Removed by Filter: (\d+)/.exec(trimmed);
    if (removed) rowsRemovedByFilter += Number(removed[1]);
    if (!buffers && trimmed.startsWith('Buffers:')) buffers = trimmed.replace(/^Buffers:\s*/, '');
    const exec = /^Execution Time: ([\d.]+) ms/.exec(trimmed);
    if (exec) executionMs = Number(exec[1]);
  });
  const verdict = seqScan
    ? 'SEQ SCAN'
    : indexes.length
      ? (bitmap ? 'bitmap ' : '') + [...new Set(indexes)].join('+') + (sorts ? ' +sort' : '')
      : 'no index';
  return {
    chain: nodes.join(' → '),
    indexes,
    seqScan,
    sorts,
    rowsRemovedByFilter,
    buffers,
    executionMs,
    verdict,
  };
}
