// The label column of a table: words to class names (sorted, or a model's),
// numbers to class numbers (0..K-1), classes named by their numbers (other
// whole numbers: 1, 2, 3, 5, 6, 7) or a regression target (asked for, or
// many values); a column that mixes them refused, naming the first cell of
// the other kind.

import type { TargetEncoding } from './encoding.ts';
import { classCount, MAX_LABEL_VALUES } from './labels.ts';
import { MAX_DISTINCT, type Table, type TableColumn } from './table.ts';

/** "data.csv line 7, column "x"": where a cell is, for messages. */
export const where = (t: Table, row: number, c: number) =>
  `${t.name} line ${t.lines[row]}, column ${JSON.stringify(t.names[c])}`;

/** A text cell's words: its value, or the cell's own error. */
export function cellText(col: Extract<TableColumn, { kind: 'text' }>, row: number): string {
  // A column past MAX_DISTINCT texts keeps no new ones (code -2): say so rather than "undefined".
  return col.values[col.codes[row]] ?? `a text past the first ${MAX_DISTINCT} distinct ones`;
}

/** Distinct words of a text column over the kept rows, sorted. */
export function words(col: Extract<TableColumn, { kind: 'text' }>, keep: Uint32Array): string[] {
  const seen = new Set<number>();
  for (const r of keep) seen.add(col.codes[r]);
  return [...seen].map((code) => col.values[code]).sort();
}

export interface Target {
  enc: TargetEncoding;
  /** Per kept row: the class number, or the number itself. */
  value: (r: number) => number;
  outDim: number;
}

/**
 * The label column `c` as a target. `fixed`: a model's encoding (and `outputs`, its
 * outputs); `regression`: numbers as a regression target, never class numbers.
 */
export function targetOf(
  t: Table,
  c: number,
  keep: Uint32Array,
  fixed?: TargetEncoding,
  outputs = 0,
  regression = false,
): Target {
  const col = t.columns[c];
  const name = t.names[c];
  if (col.kind === 'text' && (fixed === undefined || fixed.type === 'classes')) {
    if (col.numbers > 0) {
      const row = Math.max(col.firstNumber, col.firstWord);
      throw new Error(
        `${where(t, row, c)}: ${JSON.stringify(cellText(col, row))}: the label column mixes numbers and words, expected one kind`,
      );
    }
    const classes = fixed?.type === 'classes' ? fixed.classes : col.tooMany ? [] : words(col, keep);
    // Hundreds of names are rarely classes: more often numbers with a sign or commas ("$739,805").
    if (col.tooMany || (!fixed && classes.length > MAX_LABEL_VALUES)) {
      const row = col.firstWord;
      const count = col.tooMany ? `over ${MAX_DISTINCT}` : String(classes.length);
      throw new Error(
        `${where(t, row, c)}: ${JSON.stringify(cellText(col, row))}: the label column has ${count} distinct words, ` +
          `expected class names (at most ${MAX_LABEL_VALUES}) or plain numbers`,
      );
    }
    const index = new Map(classes.map((w, k) => [w, k]));
    const codeClass = col.values.map((w) => index.get(w) ?? -1);
    for (const r of keep)
      if (codeClass[col.codes[r]] < 0)
        throw new Error(
          `${where(t, r, c)}: ${JSON.stringify(cellText(col, r))} is not a class of the model, expected one of ${classes.join(', ')}`,
        );
    return {
      enc: { name, type: 'classes', classes },
      value: (r) => codeClass[col.codes[r]],
      outDim: classes.length === 2 ? 1 : classes.length,
    };
  }
  if (col.kind === 'text') {
    const row = col.firstWord;
    throw new Error(
      `${where(t, row, c)}: ${JSON.stringify(cellText(col, row))} is not a number, expected a number as the model's label`,
    );
  }
  const values = col.values;
  if (fixed?.type === 'classes') return namedNumbers(t, c, keep, fixed.classes);
  const labels = Array.from(keep, (r) => values[r]);
  // --loss mse: a regression of whole numbers too (cylinders 3..8), not one output per class.
  const k = fixed ? (outputs >= 3 ? outputs : 0) : regression ? 0 : classCount(labels);
  // Whole numbers other than 0..K-1 (1, 2, 3, 5, 6, 7): class names in numeric order, no empty outputs.
  if (!fixed && k >= 3 && !isRange(labels, k)) return namedNumbers(t, c, keep, numberNames(labels));
  const isRegression = fixed ? fixed.type === 'number' : k === 0 && !labels.every((v) => v === 0 || v === 1);
  if (k >= 3)
    for (const r of keep)
      if (!(Number.isInteger(values[r]) && values[r] >= 0 && values[r] < k))
        throw new Error(`${where(t, r, c)}: ${values[r]} is not a class, expected a class number 0..${k - 1}`);
  if (isRegression)
    return { enc: fixed ?? { name, type: 'number', center: 0, scale: 1 }, value: (r) => values[r], outDim: 1 };
  return { enc: { name, type: 'labels' }, value: (r) => values[r], outDim: k > 0 ? k : 1 };
}

/** Whether the labels are each of 0..k-1 (today's class numbers, kept as they are). */
function isRange(labels: number[], k: number): boolean {
  return new Set(labels).size === k;
}

/** The distinct whole numbers as class names, in numeric order: "1", "2", "10". */
function numberNames(labels: number[]): string[] {
  return [...new Set(labels)].sort((a, b) => a - b).map(String);
}

/** A number label column as classes named by its numbers (a model's, or numberNames). */
function namedNumbers(t: Table, c: number, keep: Uint32Array, classes: string[]): Target {
  const col = t.columns[c] as Extract<TableColumn, { kind: 'number' }>;
  const index = new Map(classes.map((w, k) => [w, k]));
  const classOf = (r: number) => index.get(String(col.values[r])) ?? -1;
  for (const r of keep)
    if (classOf(r) < 0)
      throw new Error(
        `${where(t, r, c)}: ${col.values[r]} is not a class of the model, expected one of ${classes.join(', ')}`,
      );
  return {
    enc: { name: t.names[c], type: 'classes', classes },
    value: classOf,
    outDim: classes.length === 2 ? 1 : classes.length,
  };
}
