// Tables and files of the speedup script.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { amdahl, efficiency, karpFlatt, median, spread } from '../src/util/stats.ts';

export interface Row {
  workload: string;
  method: string;
  strategy: string;
  threads: number;
  iters: number;
  /** One entry per repeat: milliseconds per iteration. */
  msPerIter: number[];
}

export interface Summary extends Row {
  medianUs: number;
  spread: number;
  vs0: number;
  vs1: number;
  efficiency: number;
  serialFraction: number;
  /** Time beyond a perfect split of the main thread's time: median − t0/p. */
  overheadUs: number;
}

export interface Group {
  workload: string;
  method: string;
  rows: Summary[];
  amdahl: { strategy: string; p: number; serialFraction: number; projected: Record<number, number> }[];
  auto: {
    threads: number;
    why: string;
    how: string;
    medianUs: number;
    bestUs: number;
    bestThreads: number;
    ratio: number;
  };
}

const PROJECT_TO = [4, 8, 16, 64];

/** `why`: what auto chose and why; `how`: how its iterations were shared. */
export function summarise(
  workload: string,
  method: string,
  rows: Row[],
  why: string,
  how: string,
  cores: number,
): Group {
  const med = (r: Row) => median(r.msPerIter) * 1000;
  const base = rows.find((r) => r.threads === 0);
  if (!base) throw new Error('the speedup table needs --threads to include 0 (the main thread)');
  const t0 = med(base);
  const summaries = rows.map((r): Summary => {
    const one = rows.find((x) => x.threads === 1 && x.strategy === r.strategy) ?? base;
    const p = Math.max(1, r.threads);
    const s = t0 / med(r);
    return {
      ...r,
      medianUs: med(r),
      spread: spread(r.msPerIter),
      vs0: s,
      vs1: med(one) / med(r),
      efficiency: efficiency(s, p),
      serialFraction: karpFlatt(s, p),
      overheadUs: med(r) - t0 / p,
    };
  });
  const amdahlRows = [...new Set(summaries.map((r) => r.strategy))]
    .filter((s) => s !== 'inline' && s !== 'auto')
    .flatMap((strategy) => {
      // Project from the most threads measured without oversubscribing the cores.
      const fit = summaries.filter((r) => r.strategy === strategy && r.threads >= 2 && r.threads <= cores);
      const at = fit.sort((x, y) => y.threads - x.threads)[0];
      if (!at) return [];
      const projected = Object.fromEntries(PROJECT_TO.map((n) => [n, amdahl(Math.max(0, at.serialFraction), n)]));
      return [{ strategy, p: at.threads, serialFraction: at.serialFraction, projected }];
    });
  const fixed = summaries.filter((r) => r.strategy !== 'auto');
  const best = fixed.reduce((x, y) => (y.medianUs < x.medianUs ? y : x));
  const auto = summaries.find((r) => r.strategy === 'auto');
  if (!auto) throw new Error('the speedup table expects an auto row');
  return {
    workload,
    method,
    rows: summaries,
    amdahl: amdahlRows,
    auto: {
      threads: auto.threads,
      why,
      how,
      medianUs: auto.medianUs,
      bestUs: best.medianUs,
      bestThreads: best.threads,
      ratio: auto.medianUs / best.medianUs,
    },
  };
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** A duration in µs, in the unit that keeps it readable. */
export function time(us: number): string {
  const abs = Math.abs(us);
  if (abs < 1000) return `${us.toFixed(1)} µs`;
  if (abs < 1e6) return `${(us / 1000).toFixed(2)} ms`;
  return `${(us / 1e6).toFixed(3)} s`;
}

export function printGroup(g: Group): void {
  console.log(`\n${g.workload}, ${g.method}`);
  console.log('  strategy   threads    time/iter  ±spread   vs 0   vs 1  effic.  serial    overhead');
  for (const r of g.rows) {
    console.log(
      `  ${r.strategy.padEnd(10)} ${String(r.threads).padStart(7)} ${time(r.medianUs).padStart(12)} ${(`${f(100 * r.spread, 1)}%`).padStart(8)}` +
        ` ${f(r.vs0).padStart(6)} ${f(r.vs1).padStart(6)} ${f(r.efficiency).padStart(7)} ${f(r.serialFraction, 3).padStart(7)} ${time(r.overheadUs).padStart(11)}`,
    );
  }
  for (const am of g.amdahl) {
    const proj = Object.entries(am.projected)
      .map(([n, s]) => `${n}: ${s.toFixed(1)}×`)
      .join(', ');
    console.log(`  Amdahl (${am.strategy}, serial fraction ${f(am.serialFraction, 3)} at ${am.p} threads): ${proj}`);
  }
  const au = g.auto;
  console.log(`  auto: ${au.why}`);
  console.log(`        ${au.how}; auto/best ${f(au.ratio, 3)} (best: ${au.bestThreads} threads)`);
}

export function writeResults(dir: string, machine: object, options: object, groups: Group[]): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = join(dir, `speedup-${stamp}.json`);
  const csv = join(dir, `speedup-${stamp}.csv`);
  writeFileSync(json, `${JSON.stringify({ machine, options, groups }, null, 1)}\n`);
  const head =
    'workload,method,strategy,threads,iters_per_repeat,median_us,spread,vs0,vs1,efficiency,serial_fraction,overhead_us,runs_ms_per_iter';
  const lines = groups.flatMap((g) =>
    g.rows.map((r) =>
      [
        JSON.stringify(r.workload),
        r.method,
        r.strategy,
        r.threads,
        r.iters,
        r.medianUs,
        r.spread,
        r.vs0,
        r.vs1,
        r.efficiency,
        r.serialFraction,
        r.overheadUs,
        JSON.stringify(r.msPerIter.join(' ')),
      ].join(','),
    ),
  );
  writeFileSync(csv, `${[head, ...lines].join('\n')}\n`);
  return [json, csv];
}
