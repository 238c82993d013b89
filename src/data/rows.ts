// One row at a time, as people give and read them: a row of cells (numbers,
// or words for category columns) to the net's inputs, and the net's inputs
// back to the cells they came from (for printing predictions).

import { type Encoding, scaleRow, width } from './encoding.ts';

/** A row as given: numbers (or number texts) and, for category columns, their words. */
export type Cells = readonly (number | string)[];

/**
 * The net's input row (the bias 1 last) for one row of cells, in the net's
 * units. Errors name the column and the cell: an unknown category, a word
 * where a number belongs, a wrong count.
 */
export function encodeRow(enc: Encoding, cells: Cells): Float64Array {
  const { features } = enc;
  if (cells.length !== features.length)
    throw new Error(
      `${cells.length} value${cells.length === 1 ? '' : 's'}, expected ${features.length}: ${features.map((f) => f.name).join(', ')}`,
    );
  const row = new Float64Array(features.reduce((n, f) => n + width(f), 0) + 1);
  let at = 0;
  features.forEach((f, i) => {
    const cell = cells[i];
    const shown = `${f.name} ${JSON.stringify(cell)}`;
    if (f.type === 'number') {
      const v = typeof cell === 'number' ? cell : String(cell).trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw new Error(`${shown}: expected a finite number`);
      row[at] = v;
    } else {
      const k = f.categories.indexOf(String(cell).trim());
      if (k < 0)
        throw new Error(`${shown}: not a category the model knows, expected one of ${f.categories.join(', ')}`);
      row[at + k] = 1;
    }
    at += width(f);
  });
  row[at] = 1;
  scaleRow(enc, row);
  return row;
}

/** The cells an input row (net's units) came from: numbers in the data's units, categories as their words. */
export function decodeRow(enc: Encoding, inputs: ArrayLike<number>, from: number): (number | string)[] {
  let at = from;
  return enc.features.map((f) => {
    const start = at;
    at += width(f);
    // 12 digits: what the file said, without the last bits that scaling there and back leaves (0.15000000000000002).
    if (f.type === 'number') return Number((inputs[start] * f.scale + f.center).toPrecision(12));
    let hot = 0;
    for (let k = 1; k < f.categories.length; k++) if (inputs[start + k] > inputs[start + hot]) hot = k;
    return f.categories[hot];
  });
}
