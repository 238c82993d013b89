// --grad-check as the user reads it: the largest differences between the
// numerical gradient and backpropagation (train/grad-check.ts), and the
// weights where they occur.

import type { GradCheck } from '../train/grad-check.ts';

export function gradCheckText(g: GradCheck, o: { grad: string; diff: string; h: number }): string {
  const e = (x: number) => x.toExponential(3);
  return [
    `gradient check, ${g.weights} weights: ${o.grad} ${o.diff} differences (h ${o.h}) against backprop`,
    `largest difference ${e(g.maxAbs)}; relative to the largest component ${e(g.maxRel)}`,
    ...g.worst.map(
      (w) =>
        `  w[${w.layer}][${w.in}][${w.out}]  numerical ${w.numerical.toPrecision(9)}  analytic ${w.analytic.toPrecision(9)}`,
    ),
  ].join('\n');
}
