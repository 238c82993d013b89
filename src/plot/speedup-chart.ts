// The speedup script's results as pictures: speedup and efficiency against
// threads for each workload, beside the ideal line and Amdahl's projection
// from the serial fraction fitted to the measured points.

import type { ChartSpec } from './render.ts';

/** The part of a speedup results file (scripts/speedup.ts) drawn here. */
export interface SpeedupRow {
  workload: string;
  method: string;
  strategy: string;
  threads: number;
  vs0: number;
}

export interface SpeedupResults {
  machine?: { cpu?: string; cores?: number; node?: string };
  groups: { workload: string; method: string; rows: SpeedupRow[] }[];
}

/**
 * The serial fraction f that best explains speedups S(n) = 1 / (f + (1 − f)/n),
 * by least squares over the measured pool points (n ≥ 2) in 1/S, where the
 * model is linear in f: 1/S = 1/n + f·(1 − 1/n).
 */
export function fitSerialFraction(points: { threads: number; speedup: number }[]): number {
  let num = 0;
  let den = 0;
  for (const { threads: n, speedup } of points) {
    if (n < 2 || !(speedup > 0)) continue;
    const a = 1 - 1 / n;
    num += a * (1 / speedup - 1 / n);
    den += a * a;
  }
  return den > 0 ? Math.min(1, Math.max(0, num / den)) : 0;
}

export function amdahl(f: number, n: number): number {
  return 1 / (f + (1 - f) / n);
}

/** Speedup (against the main thread alone) and efficiency per thread count, with ideal and Amdahl lines. */
export function speedupSpec(results: SpeedupResults): ChartSpec {
  const rows: { series: string; group: string; threads: number; speedup: number; efficiency: number }[] = [];
  for (const g of results.groups) {
    let group = `${g.workload}, ${g.method}`;
    // The fixed strategies' pool points; 'inline' is the 1.0 baseline at 0 threads, shown at 1.
    const measured = g.rows
      .filter((r) => r.strategy !== 'auto' && r.strategy !== 'inline' && r.threads >= 1)
      .map((r) => ({ threads: r.threads, speedup: r.vs0 }));
    const most = Math.max(16, ...measured.map((p) => p.threads));
    // Past the core count threads share cores: that is not the serial part Amdahl speaks of.
    const cores = results.machine?.cores ?? Infinity;
    const f = fitSerialFraction(measured.filter((p) => p.threads <= cores));
    group += ` (serial fraction ${f.toFixed(3)})`;
    for (const p of measured)
      rows.push({
        series: 'measured',
        group,
        threads: p.threads,
        speedup: p.speedup,
        efficiency: p.speedup / p.threads,
      });
    for (let n = 1; n <= most; n *= 2) {
      rows.push({ series: 'ideal', group, threads: n, speedup: n, efficiency: 1 });
      const s = amdahl(f, n);
      rows.push({ series: 'Amdahl', group, threads: n, speedup: s, efficiency: s / n });
    }
  }
  const panel = (y: 'speedup' | 'efficiency') => ({
    width: 260,
    height: 200,
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'threads',
        type: 'quantitative',
        scale: { type: 'log', base: 2 },
        axis: { values: [1, 2, 4, 8, 16, 32, 64] },
      },
      y: {
        field: y,
        type: 'quantitative',
        title: y === 'speedup' ? 'speedup (× the main thread alone)' : 'efficiency',
      },
      color: { field: 'series', type: 'nominal', title: null },
      strokeDash: { condition: { test: "datum.series !== 'measured'", value: [4, 3] }, value: [1, 0] },
    },
  });
  const m = results.machine;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `speedup${m?.cpu ? ` on ${m.cpu}, ${m.cores} cores, Node ${m.node}` : ''}`,
    data: { values: rows },
    facet: {
      row: {
        field: 'group',
        type: 'nominal',
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: { hconcat: [panel('speedup'), panel('efficiency')] },
    resolve: { scale: { y: 'independent' } },
    config: { font: 'sans-serif' },
  };
}
