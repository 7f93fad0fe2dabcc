import os from 'node:os';
import { type LoadRun, type LoadSummary, summarize } from './load.js';
import type { ResourceUse } from './resources.js';
import { fixed, ms, printTable } from './table.js';

const TARGET_RATIO = 0.5;
const TARGET_PER_SECOND = 1000;
/** Background CPU use above which the run is flagged as unreliable. */
export const BUSY_WARNING_PCT = 10;
/** CPU time per report that the throughput target leaves, over all cores. */
const TARGET_CPU_MS = (os.cpus().length * 1000) / TARGET_PER_SECOND;

export interface Phase {
  run: LoadRun;
  use: ResourceUse;
}

export interface IntakeResults {
  http: Phase & { clientLoopPct: number };
  service: Phase;
  sequence: Phase;
  minimal: Phase;
}

/** The tables of one concurrency level: both sides, then where the CPU time went in every phase. */
export function printIntake(
  results: IntakeResults,
  { concurrency, reports, workers }: { concurrency: number; reports: number; workers: number },
): void {
  const cores = os.cpus().length;
  const h = summarize(results.http.run);
  const b = summarize(results.minimal.run);
  const ratio = h.perSecond / b.perSecond;
  const row = (label: string, s: LoadSummary) => [
    label,
    fixed(s.perSecond),
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    fixed(s.seconds, 2),
  ];
  console.log(
    `\nReport intake: ${concurrency} concurrent clients, ${reports} reports each (latency per report, ms)\n`,
  );
  printTable(
    ['', 'reports/s', 'p50', 'p99', 'max', 'seconds'],
    [
      row('HTTP  POST /api/v1/reports', h),
      row('bare  DB: report + event', b),
      ['ratio HTTP / bare', fixed(ratio, 2), fixed(h.p50 / b.p50, 2), fixed(h.p99 / b.p99, 2), '', ''],
    ],
  );

  console.log(
    '\nWhere the time goes: CPU ms per report over all cores (the machine = Node + PostgreSQL + anything else);\n' +
      `${fixed(TARGET_CPU_MS, 1)} ms/report is the whole budget for ${TARGET_PER_SECOND} reports/s on ${cores} cores. ` +
      'Busy/iowait/steal: shares of the machine. Load loop:\nbusy share of the thread driving the load (the HTTP ' +
      'client in row 1). Rows 1–2 run the real server code.\n',
  );
  const use = (label: string, phase: Phase) => {
    const s = summarize(phase.run);
    const u = phase.use;
    return [
      label,
      fixed(s.perSecond),
      ms(s.p50),
      ms(s.p99),
      fixed(u.machineMs / s.count, 2),
      fixed(u.nodeMs / s.count, 2),
      fixed(u.postgresMs / s.count, 2),
      fixed(u.otherMs / s.count, 2),
      fixed(u.machineBusyPct, 0),
      fixed(u.iowaitPct, 0),
      fixed(u.stealPct, 0),
      fixed(phase === results.http ? results.http.clientLoopPct : u.mainLoopPct, 0),
    ];
  };
  printTable(
    [
      '',
      'reports/s',
      'p50',
      'p99',
      'CPU ms',
      'Node',
      'Postgres',
      'other',
      'busy %',
      'iowait %',
      'steal %',
      'load loop %',
    ],
    [
      use('1 HTTP    POST /api/v1/reports', results.http),
      use('2 service createReport(), no HTTP', results.service),
      use('3 bare    one report at a time', results.sequence),
      use('4 bare    report + event', results.minimal),
    ],
  );
  console.log(
    `  row 1: Node = the server's ${workers} process(es) + the load generator; ` +
      'row 3: a ticket counter upsert, then citizen + report + event in\n  one statement, for every report on its own (the server shares both among the intakes in flight)',
  );
  const phases = [results.http, results.service, results.sequence, results.minimal];
  const otherPct = Math.max(...phases.map((p) => p.use.otherMs / 10 / p.use.seconds));
  const stealPct = Math.max(...phases.map((p) => p.use.stealPct));
  if (otherPct > BUSY_WARNING_PCT || stealPct > BUSY_WARNING_PCT / 2)
    console.log(
      `  WARNING: other programs used up to ${fixed(otherPct, 0)}% of one core and the hypervisor took up to ` +
        `${fixed(stealPct, 0)}% of the machine during a phase; the figures are noisy`,
    );
}

/** One row per level, then the targets against each side's capacity (its best level). */
export function printSummary(levels: { concurrency: number; results: IntakeResults }[]): void {
  const cores = os.cpus().length;
  const rows = levels.map(({ concurrency, results }) => ({
    concurrency,
    http: summarize(results.http.run),
    bare: summarize(results.minimal.run),
    busy: results.http.use.machineBusyPct,
  }));
  console.log('\nCapacity: each side at every concurrency level (reports/s; latency ms)\n');
  printTable(
    ['clients', 'HTTP', 'p50', 'p99', 'busy %', 'bare', 'p50', 'p99', 'ratio'],
    rows.map((r) => [
      String(r.concurrency),
      fixed(r.http.perSecond),
      ms(r.http.p50),
      ms(r.http.p99),
      fixed(r.busy, 0),
      fixed(r.bare.perSecond),
      ms(r.bare.p50),
      ms(r.bare.p99),
      fixed(r.http.perSecond / r.bare.perSecond, 2),
    ]),
  );
  const bestHttp = rows.reduce((a, b) => (b.http.perSecond > a.http.perSecond ? b : a));
  const bestBare = rows.reduce((a, b) => (b.bare.perSecond > a.bare.perSecond ? b : a));
  const ratio = bestHttp.http.perSecond / bestBare.bare.perSecond;
  console.log(
    `\nDesign targets: HTTP at its best level (${bestHttp.concurrency} clients) against the bare ceiling at ` +
      `its best (${bestBare.concurrency} clients)\n`,
  );
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  printTable(
    ['', 'target', 'measured', 'result'],
    [
      ['HTTP / bare throughput', `≥ ${TARGET_RATIO}`, fixed(ratio, 2), verdict(ratio >= TARGET_RATIO)],
      [
        `HTTP reports/s (${cores} cores)`,
        `≥ ${TARGET_PER_SECOND}`,
        fixed(bestHttp.http.perSecond, 0),
        verdict(bestHttp.http.perSecond >= TARGET_PER_SECOND),
      ],
    ],
  );
}
