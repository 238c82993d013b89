// A race over many seeds (compare --seeds) as the user sees it: a table of
// each method's summary (train/race.ts), and the median and quartiles of the
// loss curves for the chart. A claim about how methods compare then rests on
// every seed run.

import type { HistoryPoint } from '../model/history.ts';
import type { Band } from '../plot/bands.ts';
import { MAX_CHART_POINTS } from '../plot/curves.ts';
import type { MethodSummary, Race } from '../train/race.ts';
import { quartiles } from '../util/stats.ts';

const span = (q: [number, number, number] | null, digits: number) =>
  q ? `${q[1].toFixed(digits)} [${q[0].toFixed(digits)}–${q[2].toFixed(digits)}]` : '-';

/** The table: a row per method, medians with their quartiles in brackets. */
export function summaryTable(s: readonly MethodSummary[], heading: string): string {
  const task = s[0]?.heldOutReturn !== undefined;
  const last = task ? 'held-out return (median)' : 'best loss (median)';
  const lines = [heading, `  method        reached   iterations to target      seconds to target   ${last}`];
  for (const m of s)
    lines.push(
      `  ${m.method.padEnd(10)} ${`${m.reached}/${m.seeds}`.padStart(10)}   ${span(m.iterations, 0).padEnd(22)}  ${span(m.seconds, 2).padEnd(20)}  ${task ? (m.heldOutReturn as number).toFixed(1) : m.loss.toFixed(6)}`,
    );
  lines.push('(medians over the seeds that reached the target, first and third quartiles in brackets)');
  return lines.join('\n');
}

/** Per method and reported iteration: the loss's quartiles over the seeds (a run that stopped keeps its last loss). */
export function curveBands(races: readonly Race[], value: (p: HistoryPoint) => number = (p) => p.loss): Band[] {
  const out: Band[] = [];
  for (const { method } of races[0]?.rows ?? []) {
    const histories = races.flatMap((r) => r.rows.filter((x) => x.method === method).map((x) => x.history));
    const all = [...new Set(histories.flatMap((h) => h.map((p) => p.iteration)))].sort((a, b) => a - b);
    const every = Math.ceil(all.length / MAX_CHART_POINTS); // a chart needs a few hundred points a line
    const grid = all.filter((_, i) => i % every === 0 || i === all.length - 1);
    const next = histories.map(() => 0); // per history, its first point past the grid point before
    for (const iteration of grid) {
      const losses = histories.map((h, i) => {
        while (next[i] < h.length && h[next[i]].iteration <= iteration) next[i]++;
        const p = h[Math.max(0, next[i] - 1)];
        return p ? value(p) : Number.NaN;
      });
      const [q1, median, q3] = quartiles(losses);
      out.push({ run: method, iteration, q1, median, q3 });
    }
  }
  return out;
}
