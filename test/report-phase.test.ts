// A report's parts: which sets a pool's report jobs hold, checked by hand.
import { describe, expect, it } from 'vitest';
import { spiral } from '../src/data/builtin.ts';
import { allocReport, EVAL_PART, eachPart, fitting, setPart } from '../src/methods/report-phase.ts';

const train = spiral(40, 'train');
const test = spiral(10, 'test');
const samples = Int32Array.from({ length: 20 }, (_, i) => i);

describe('report parts', () => {
  it('leave a set too big for one job out of the pool, to the main thread', () => {
    const fit = fitting({ samples, sets: { train, test } }, 30);
    expect(Object.keys(fit.sets ?? {})).toEqual(['test']);
    expect(fit.samples).toBe(samples);
  });

  it('leave an evaluation set too big for one job out too', () => {
    expect(fitting({ samples, sets: { test } }, 15).samples).toBeUndefined();
  });

  it('run one job per part asked for that the report holds, in item order', () => {
    const report = allocReport({ samples, sets: { test } }, false);
    const all = EVAL_PART | setPart('train') | setPart('validation') | setPart('test');
    expect(eachPart(report, all)).toEqual([EVAL_PART, setPart('test')]);
    expect(eachPart(report, setPart('test'))).toEqual([setPart('test')]);
  });
});
