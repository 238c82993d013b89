// The confusion matrix as a small table, with per-class precision and recall.

import type { Scores } from '../nn/metrics.ts';

/** `names`: each class's name (a label column of words), else the class numbers. */
export function scoresText(s: Scores, on: string, names: readonly string[] = []): string {
  const classes = [...Array(s.classes).keys()];
  const label = (c: number) => names[c] ?? String(c);
  const w = Math.max(5, String(s.samples).length + 1, ...classes.map((c) => label(c).length + 1));
  const first = Math.max(6, ...classes.map((c) => label(c).length));
  const pad = (x: string | number) => String(x).padStart(w);
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`).padStart(8);
  const lines = [
    `confusion on the ${on} (rows: true class, columns: predicted)`,
    `${'true'.padStart(first)} ${classes.map(label).map(pad).join('')}  ${'precision'.padStart(9)} ${'recall'.padStart(8)}`,
    ...classes.map(
      (c) =>
        `${label(c).padStart(first)} ${s.confusion[c].map(pad).join('')}  ${pct(s.precision[c])} ${pct(s.recall[c])}`,
    ),
  ];
  return lines.join('\n');
}
