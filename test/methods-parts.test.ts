// The small parts of the methods: candidate selection, mini-batch shuffles and
// the quartic series arithmetic, against oracles computed another way (counts
// over many shuffles, polynomial products written out term by term).
// Written for mutation testing (npm run mutate, docs/mutation.md).
import { beforeEach, describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { allocBase } from '../src/methods/base-buffers.ts';
import { BaseCache } from '../src/methods/base-cache.ts';
import { Batches } from '../src/methods/batches.ts';
import { bestCandidate } from '../src/methods/candidates.ts';
import { makeNet } from '../src/nn/network.ts';
import { bce } from '../src/nn/output.ts';
import { composeSeries, poly } from '../src/nn/series.ts';

describe('candidate selection', () => {
  it('looks at the first count losses only', () => {
    expect(bestCandidate(Float64Array.from([0.5, 0.4, 0.1]), 2)).toBe(1);
  });
});

describe('mini-batch order', () => {
  it('is a permutation even when the first batch asked for is in a later epoch', () => {
    const b = new Batches(10, 5, 's');
    const epoch1 = [...b.batch(2), ...b.batch(3)].sort((x, y) => x - y);
    expect(epoch1).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is not the identity', () => {
    const b = new Batches(20, 20, 's');
    expect([...b.batch(0)]).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('makes every order of a small set about equally likely over many epochs', () => {
    // 4 samples: 24 orders, 4800 epochs, ~200 each. A uniform shuffle keeps every count
    // within 200 ± 70 (beyond 5 standard deviations); a biased one leaves some near 0.
    const b = new Batches(4, 4, 'uniform');
    const counts = new Map<string, number>();
    for (let e = 0; e < 4800; e++) {
      const key = [...b.batch(e)].join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    for (const [order, n] of counts) {
      expect(n, order).toBeGreaterThan(130);
      expect(n, order).toBeLessThan(270);
    }
  });
});

describe('quartic series', () => {
  it('evaluate u·c1 + u²·c2 + u³·c3 + u⁴·c4 at an offset', () => {
    // 2·1 + 4·2 + 8·3 + 16·4 = 98
    expect(poly(Float64Array.from([9, 1, 2, 3, 4]), 1, 2)).toBe(98);
  });

  it('compose to the coefficients of φ(u(δ)) up to δ⁴, multiplied out term by term', () => {
    const a = [0.7, -1.3, 0.4, 2.1];
    const c = [1.5, 0.6, -0.9, 0.35];
    // Powers of u(δ) = Σ a_n δⁿ as coefficient lists (index = power of δ), truncated at δ⁴.
    const times = (p: number[], q: number[]) => {
      const r = [0, 0, 0, 0, 0];
      for (let i = 0; i <= 4; i++) for (let j = 0; i + j <= 4; j++) r[i + j] += p[i] * q[j];
      return r;
    };
    const u = [0, ...a];
    const powers = [u];
    for (let n = 1; n < 4; n++) powers.push(times(powers[n - 1], u));
    const expected = [1, 2, 3, 4].map((d) => c.reduce((sum, cn, n) => sum + cn * powers[n][d], 0));
    const buf = Float64Array.from([9, ...a, 9]);
    composeSeries(buf, 1, Float64Array.from([9, 9, ...c]), 2);
    expect(buf[0]).toBe(9);
    expect(buf[5]).toBe(9);
    for (let n = 0; n < 4; n++) expect(buf[1 + n], `e${n + 1}`).toBeCloseTo(expected[n], 13);
  });
});

describe("the base pass's non-zero inputs", () => {
  // 5 samples of 3 inputs (the last the bias 1) with zeros in places.
  const xs = [
    [0, 2, 1],
    [3, 0, 1],
    [0, 0, 1],
    [4, 5, 1],
    [0, 6, 1],
  ];
  const data = makeDataset(
    'cols',
    xs,
    xs.map(() => [0]),
  );
  const net = makeNet([3, 2, 1], 'logistic');
  const params = new Float64Array(9);
  // One cache per test: a run's batches are all mini-batches or all the whole set.
  let base: BaseCache;
  beforeEach(() => {
    base = new BaseCache(net, bce, data, allocBase(net, 5, false));
  });
  /** Batch position p's non-zero inputs, as the base pass listed them. */
  const listed = (p: number) => Array.from(base.buf.nzUnit[0].subarray(3 * p, 3 * p + base.buf.nzCount[0][p]));
  /** Sample s's non-zero inputs, read the slow way. */
  const expected = (s: number) => [0, 1, 2].filter((i) => xs[s][i] !== 0);

  it('lists, for each sample of the batch, the inputs that are not 0, in order', () => {
    const batch = Int32Array.from([4, 0, 3]);
    base.begin(params, batch);
    base.compute(params, 0, 3);
    for (const [p, s] of batch.entries()) expect(listed(p), `position ${p}`).toEqual(expected(s));
  });

  it("finds where each sample's list reaches an input", () => {
    base.begin(params);
    base.compute(params, 0, 5);
    for (let p = 0; p < 5; p++)
      for (let u = 0; u < 3; u++) {
        const at = base.firstFrom(0, p, u) - 3 * p;
        expect(listed(p).slice(at), `sample ${p} from input ${u}`).toEqual(expected(p).filter((i) => i >= u));
      }
  });
});
