// The inputs' facts the numerical gradient reads: checked by hand on a small set.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { inputFacts } from '../src/data/input-facts.ts';

const rows = [
  [0, -3, 1],
  [0.5, 0, 1],
  [0, 2, 1],
  [0, 0, 1],
];
const data = makeDataset(
  'facts',
  rows,
  rows.map(() => [0]),
);

describe('input facts', () => {
  it('find the largest |input|', () => {
    expect(inputFacts(data).largest).toBe(3);
  });

  it('take 1 as the largest input of a set whose inputs are all smaller', () => {
    const small = makeDataset('small', [[0.25, 0.5]], [[1]]);
    expect(inputFacts(small).largest).toBe(1);
  });

  it("give each input's share of the samples where it is not 0", () => {
    expect([...inputFacts(data).nonZero]).toEqual([0.25, 0.5, 1]);
  });

  it('are worked out once per data set in a thread', () => {
    expect(inputFacts(data)).toBe(inputFacts(data));
  });
});
