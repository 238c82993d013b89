// Numeric labels: which read as classes (0/1 for one logistic output, 0..K-1
// for K one-hot outputs) and which as regression targets.

/**
 * Past this many classes, integer labels stay regression targets: a column
 * of counts or prices (say 0..150000) would otherwise become 150,001 one-hot
 * outputs per sample and exhaust memory.
 */
export const MAX_CLASSES = 1000;

/**
 * Whole-number labels with more distinct values than this are a quantity
 * (a price, an age, a count), not class numbers: 25..346 is a regression
 * target, not 347 classes of which 200 hold a sample or two.
 */
export const MAX_LABEL_VALUES = 30;

/** K when every label is a class number (an integer >= 0), few distinct and few missing, and the largest is >= 2; else 0. */
export function classCount(labels: ArrayLike<number>): number {
  let max = 0;
  const seen = new Set<number>();
  for (let s = 0; s < labels.length; s++) {
    const v = labels[s];
    if (!Number.isInteger(v) || v < 0) return 0;
    if (v > max) max = v;
    if (seen.size <= MAX_LABEL_VALUES) seen.add(v);
  }
  // Class numbers leave few classes empty: 0 and 4 make 5 classes, 100 and 300 are not 301.
  const few = seen.size <= MAX_LABEL_VALUES && max + 1 <= 2 * seen.size + 1;
  return max >= 2 && max < MAX_CLASSES && few ? max + 1 : 0;
}

/** One target row per label: one-hot over K when the labels are K >= 3 classes, else the label itself. */
export function targetRows(labels: readonly number[]): number[][] {
  const k = classCount(labels);
  if (k === 0) return labels.map((v) => [v]);
  return labels.map((v) => {
    const row = new Array<number>(k).fill(0);
    row[v] = 1;
    return row;
  });
}
