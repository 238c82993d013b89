// The confusion matrix as a small table, with per-class precision and recall.

import type { Scores } from '../nn/metrics.ts';

export function scoresText(s: Scores, on: string): string {
  const w = Math.max(5, String(s.samples).length + 1);
  const pad = (x: string | number) => String(x).padStart(w);
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`).padStart(8);
  const classes = [...Array(s.classes).keys()];
  const lines = [
    `confusion on the ${on} (rows: true class, columns: predicted)`,
    `${'true'.padStart(6)} ${classes.map(pad).join('')}  ${'precision'.padStart(9)} ${'recall'.padStart(8)}`,
    ...classes.map(
      (c) => `${String(c).padStart(6)} ${s.confusion[c].map(pad).join('')}  ${pct(s.precision[c])} ${pct(s.recall[c])}`,
    ),
  ];
  return lines.join('\n');
}
