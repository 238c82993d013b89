// Notes before training: labels that made 'auto' choose what the user likely
// did not mean, each named; clean labels give none.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { targetRows } from '../src/data/labels.ts';
import { parseCsv } from '../src/data/load.ts';
import { dataNotes } from '../src/train/notes.ts';

describe('dataNotes', () => {
  it('says nothing of 0/1 labels, nor of classes 0..K-1 that all have samples', () => {
    expect(dataNotes(parseCsv('1,0\n2,1\n', 'b.csv'), 'bce')).toEqual([]);
    expect(dataNotes(parseCsv('1,0\n2,1\n3,2\n', 'k.csv'), 'ce')).toEqual([]);
  });

  it("names the classes no label falls in when labels skip some (a JSON file's class numbers)", () => {
    // A CSV's gapped labels become class names (1, 3); the original's JSON "ans":[3] are still class numbers.
    const gap = makeDataset(
      'gap.json',
      [
        [1, 1],
        [2, 1],
        [3, 1],
      ],
      targetRows([1, 3, 1]),
    );
    expect(dataNotes(gap, 'ce')).toEqual([
      'data gap.json: labels make 4 classes, 0 to 3, and classes 0, 2 have no sample; ' +
        'labels are expected to be 0, 1, 2, ... with none left out',
    ]);
  });

  it('says that labels -1 and 1 made a regression, in one note however few the -1s', () => {
    expect(dataNotes(parseCsv('1,-1\n2,1\n3,1\n4,1\n', 'pm.csv'), 'mse')).toEqual([
      'data pm.csv: labels are -1 and 1, so the loss is mse, a regression; for two classes, label them 0 and 1',
    ]);
  });

  it('says when every label is the same, one class only', () => {
    expect(dataNotes(parseCsv('1,1\n2,1\n3,1\n', 'one.csv'), 'bce')).toEqual([
      'data one.csv: every label is 1, one class only: any accuracy here says nothing',
    ]);
  });

  it('says nothing of a regression whose targets are many values', () => {
    expect(dataNotes(parseCsv('1,0.3\n2,1.7\n3,-2\n', 'r.csv'), 'mse')).toEqual([]);
  });
});
