// The label column of a table as a target: whole numbers 0..K-1 stay class
// numbers, other whole numbers become classes named by their numbers, a
// regression is made of them when asked (--loss mse), and rows dropped for
// missing cells are counted per column.
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/data/csv.ts';
import { encodeTable } from '../src/data/encode-table.ts';
import { droppedNote } from '../src/data/missing-rows.ts';

/** A table of one feature and the label `labels`, in that order. */
const table = (labels: number[], header = 'x,y') =>
  parseCsvText(`${header}\n${labels.map((y, i) => `${i},${y}`).join('\n')}\n`, 't.csv');

describe('whole-number labels', () => {
  it('makes glass-like labels 1, 2, 3, 5, 6, 7 six classes named in numeric order', () => {
    const e = encodeTable(table([7, 1, 2, 3, 5, 6, 1, 2]));
    expect(e.encoding.target).toEqual({ name: 'y', type: 'classes', classes: ['1', '2', '3', '5', '6', '7'] });
    expect([e.data.outDim, e.data.classes]).toEqual([6, 6]);
    // The first row's label 7 is class 5; the second's 1 is class 0.
    expect([...e.data.targets.subarray(0, 12)]).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('orders class names as numbers: 10 after 9', () => {
    const e = encodeTable(table([10, 2, 3, 4, 5, 6, 7, 9]));
    expect(e.encoding.target).toEqual({
      name: 'y',
      type: 'classes',
      classes: ['2', '3', '4', '5', '6', '7', '9', '10'],
    });
  });

  it('keeps labels that are exactly 0..K-1 as class numbers, one-hot as before', () => {
    const e = encodeTable(table([2, 0, 1, 2]));
    expect(e.encoding.target).toEqual({ name: 'y', type: 'labels' });
    expect([...e.data.targets]).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('makes a regression of whole-number labels when asked (--loss mse): one output, the numbers themselves', () => {
    const cylinders = [4, 8, 6, 4, 3, 5, 8, 4];
    expect(encodeTable(table(cylinders)).data.outDim).toBe(5);
    const e = encodeTable(table(cylinders), { regression: true });
    expect(e.encoding.target).toEqual({ name: 'y', type: 'number', center: 0, scale: 1 });
    expect([e.data.outDim, ...e.data.targets]).toEqual([1, ...cylinders]);
  });

  it("reads a file again with a model's number class names, and refuses a number that is not one", () => {
    const { encoding } = encodeTable(table([1, 3, 5, 1, 3, 5]));
    const again = encodeTable(table([5, 1]), {}, encoding);
    expect([...again.data.targets]).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => encodeTable(table([4]), {}, encoding)).toThrow(
      't.csv line 2, column "y": 4 is not a class of the model, expected one of 1, 3, 5',
    );
  });

  it('says how the label column was picked: named, the last by default, or the model’s', () => {
    const last = encodeTable(table([0, 1]));
    expect(last.label).toEqual({ name: 'y', how: 'last', hasHeader: true });
    expect(encodeTable(table([0, 1]), { label: 'y' }).label?.how).toBe('named');
    expect(encodeTable(table([0, 1]), {}, last.encoding).label?.how).toBe('model');
  });
});

describe('rows dropped for missing values', () => {
  const csv = 'a,b,c,y\n1,NA,3,0\nNA,NA,3,1\n1,2,3,0\n1,,NA,1\n1,2,3,1\n';

  it('are counted per column, most first', () => {
    const e = encodeTable(parseCsvText(csv, 'm.csv'), { missing: 'drop' });
    expect(e.dropped).toBe(3);
    expect(e.missingBy).toEqual([
      ['b', 3],
      ['a', 1],
      ['c', 1],
    ]);
  });

  it('are named by column in the note, five at most', () => {
    expect(
      droppedNote('m.csv', 3, 5, [
        ['b', 3],
        ['a', 1],
      ]),
    ).toBe('data m.csv: 3 of 5 rows dropped for missing values (3 in "b", 1 in "a")');
    const seven = Array.from({ length: 7 }, (_, i): [string, number] => [`c${i}`, 7 - i]);
    expect(droppedNote('w.csv', 9, 10, seven)).toBe(
      'data w.csv: 9 of 10 rows dropped for missing values ' +
        '(7 in "c0", 6 in "c1", 5 in "c2", 4 in "c3", 3 in "c4", and 2 more columns)',
    );
  });
});
