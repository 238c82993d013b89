// The network math against oracles computed another way: values by hand,
// finite differences of the functions themselves, and the order at which a
// truncated series' error shrinks. Written for mutation testing (npm run mutate,
// docs/mutation.md): each test pins one behaviour that a surviving mutant broke.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { activations, isActivationName, logistic, reluDelta, taylor } from '../src/nn/activation.ts';
import { backprop } from '../src/nn/backprop.ts';
import { lossSum, meanLoss, predict } from '../src/nn/loss.ts';
import {
  layerCount,
  makeNet,
  makeScratch,
  paramCount,
  randomParams,
  weightPos,
  xavierParams,
} from '../src/nn/network.ts';
import { bce, ce, type Directions, logSumExp, mse, type Output } from '../src/nn/output.ts';
import { poly } from '../src/nn/series.ts';
import { stream } from '../src/util/rng.ts';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/**
 * log2 of err(d) / err(d/2): about n when the error shrinks like dⁿ. A fourth-order
 * series with every coefficient right leaves an error of order d⁵; one wrong
 * coefficient cₙ leaves order n, at most 4.
 */
function errorOrder(err: (d: number) => number, d: number): number {
  return Math.log2(Math.abs(err(d)) / Math.abs(err(d / 2)));
}

describe('activation names', () => {
  it('accepts logistic, relu and tanh', () => {
    expect(['logistic', 'relu', 'tanh'].map(isActivationName)).toEqual([true, true, true]);
  });

  it('rejects any other string', () => {
    expect(['sigmoid', 'Relu', ''].map(isActivationName)).toEqual([false, false, false]);
  });
});

describe('activation Taylor series', () => {
  for (const func of ['logistic', 'tanh'] as const) {
    it(`approximates ${func}(z + δ) − ${func}(z) with an error of order δ⁵`, () => {
      const f = activations[func];
      for (const z of [-2.1, -0.6, 0.35, 1.4]) {
        const c = new Float64Array(4);
        taylor[func](f(z), c, 0);
        const order = errorOrder((d) => f(z + d) - f(z) - poly(c, 0, d), 0.05);
        expect(order, `z = ${z}`).toBeGreaterThan(4.7);
      }
    });
  }

  it("writes relu's slope, 1 above the kink and 0 below, at the offset and nowhere else", () => {
    const c = new Float64Array(10).fill(7);
    taylor.relu(0.5, c, 2);
    taylor.relu(0, c, 6);
    expect([...c]).toEqual([7, 7, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('writes the four coefficients of a smooth activation at the offset and nowhere else', () => {
    const c = new Float64Array(8).fill(7);
    taylor.tanh(Math.tanh(0.3), c, 2);
    expect([c[0], c[1], c[6], c[7]]).toEqual([7, 7, 7, 7]);
    expect(c[2]).toBeCloseTo(1 - Math.tanh(0.3) ** 2, 15);
  });
});

describe('relu differences', () => {
  it('equal relu(z + δ) − relu(z) on either side of the kink and across it', () => {
    const relu = activations.relu;
    for (const [z, d] of [
      [1, 0.5],
      [1, -2],
      [0.5, -1],
      [-1, 0.5],
      [-1, 2],
      [0, 0.3],
      [0, -0.3],
    ]) {
      expect(reluDelta(z, d), `z ${z}, δ ${d}`).toBe(relu(z + d) - relu(z));
    }
  });

  it('keep a step too small to move z itself where the unit stays active', () => {
    // (1 + 1e-20) − 1 rounds to 0; the difference is the step itself.
    expect(reluDelta(1, 1e-20)).toBe(1e-20);
    expect(reluDelta(1, -1e-20)).toBe(-1e-20);
  });
});

describe('network layout', () => {
  it('counts the weight layers', () => {
    expect(layerCount(makeNet([3, 6, 1]))).toBe(2);
    expect(layerCount(makeNet([784, 32, 16, 10]))).toBe(3);
  });

  it('rejects a negative weight index', () => {
    expect(() => weightPos(makeNet([3, 2, 1]), -1)).toThrow(/weight index -1/);
  });

  it('rejects a fractional weight index', () => {
    expect(() => weightPos(makeNet([3, 2, 1]), 2.5)).toThrow(/weight index 2.5/);
  });

  it('starts Xavier weights uniform within ±√(6 / (fan-in + fan-out)) of each layer, filling that range', () => {
    const net = makeNet([30, 20, 10]);
    const params = xavierParams(net, stream('x', 'init'));
    for (let l = 0; l < 2; l++) {
      const limit = Math.sqrt(6 / (net.nodes[l] + net.nodes[l + 1]));
      const layer = [...params.subarray(net.offsets[l], net.offsets[l + 1])];
      expect(Math.max(...layer.map(Math.abs)), `layer ${l}`).toBeLessThan(limit);
      expect(Math.max(...layer), `layer ${l}`).toBeGreaterThan(0.95 * limit);
      expect(Math.min(...layer), `layer ${l}`).toBeLessThan(-0.95 * limit);
      expect(Math.abs(layer.reduce((a, w) => a + w, 0) / layer.length), `layer ${l}`).toBeLessThan(0.1 * limit);
    }
  });

  it('draws exactly one number per weight from the stream it is given', () => {
    const net = makeNet([3, 4, 2]);
    const rng = stream('draws', 'init');
    randomParams(net, rng);
    const reference = stream('draws', 'init');
    for (let k = 0; k < paramCount(net); k++) reference();
    expect(rng()).toBe(reference());
  });
});

describe('predict', () => {
  it('rejects an input vector without the bias input', () => {
    const net = makeNet([3, 2, 1]);
    expect(() => predict(net, randomParams(net, stream('p')), [0.2, 0.3], bce)).toThrow(
      /input of length 2: expected 3/,
    );
  });
});

describe('output loss terms at a sample offset', () => {
  it('give binary cross-entropy of each of several logistic outputs', () => {
    // sample 1 of targets [[9, 9], [1, 0]]: −ln σ(0.3) − ln(1 − σ(−1.2))
    const expected = -Math.log(logistic(0.3)) - Math.log(1 - logistic(-1.2));
    expect(bce.sampleLoss(f64(0.3, -1.2), f64(9, 9, 1, 0), 2)).toBeCloseTo(expected, 14);
  });

  it('give half the squared error of each of several identity outputs', () => {
    // ½(0.5 − 1)² + ½(2 − (−1))² = 0.125 + 4.5
    expect(mse.sampleLoss(f64(0.5, 2), f64(7, 7, 1, -1), 2)).toBe(4.625);
  });
});

describe('classes of logistic outputs', () => {
  it('predict class 0 for a logit of exactly 0 (σ = ½ is not above ½)', () => {
    expect(bce.predict(f64(0))).toBe(0);
  });

  it('predict the class whose bits are the outputs above ½', () => {
    expect(bce.predict(f64(0.3, -1, 2))).toBe(1 + 4);
  });

  it('label a sample by the bits of its own targets', () => {
    expect(bce.label(f64(0, 1, 1, 0), 2, 2)).toBe(1);
    expect(bce.label(f64(0, 1, 1, 0), 0, 2)).toBe(2);
  });
});

describe('identity outputs', () => {
  it('have no classes: predict and label give NaN', () => {
    expect(mse.predict(f64(0.4))).toBeNaN();
    expect(mse.label(f64(1), 0, 1)).toBeNaN();
  });
});

describe('classes of softmax outputs', () => {
  // Three rows of soft targets: a row's largest entry is its class.
  const rows = f64(0.1, 0.6, 0.3, 0.7, 0.2, 0.1, 0.2, 0.5, 0.3);

  it('label a sample by the largest target of its own row, not the next one', () => {
    expect(ce.label(rows, 0, 3)).toBe(1);
  });

  it('label a sample at an offset by comparing within its row', () => {
    expect(ce.label(rows, 6, 3)).toBe(1);
    expect(ce.label(rows, 3, 3)).toBe(0);
  });
});

describe('logSumExp', () => {
  it('adds ln n to n equal logits too large to exponentiate', () => {
    expect(logSumExp(f64(1000, 1000))).toBeCloseTo(1000 + Math.LN2, 12);
  });

  it('is +Infinity when a logit is +Infinity', () => {
    expect(logSumExp(f64(0, Infinity, 3))).toBe(Infinity);
  });

  it('is −Infinity when every logit is −Infinity', () => {
    expect(logSumExp(f64(-Infinity, -Infinity))).toBe(-Infinity);
  });
});

describe('loss series along directions', () => {
  // Two directions over K = 3 logits, laid out with gaps: w at 2 and 6, c at 3 and 8.
  const z = f64(0.4, -1.3, 0.9);
  const w = f64(9, 9, 0.7, -0.2, 1.1, 9, 0.3, 0.8, -0.5, 9);
  const dirs = (c: Float64Array): Directions => ({ w, wAt: 2, wStep: 4, count: 2, c, cAt: 3, cStep: 5 });
  const targets: Record<string, Float64Array> = {
    bce: f64(5, 5, 5, 1, 0, 1),
    ce: f64(5, 5, 5, 0, 1, 0),
    mse: f64(5, 5, 5, 0.2, -0.4, 1.5),
  };
  const moved = (r: number, u: number) => z.map((zk, k) => zk + u * w[2 + 4 * r + k]);
  const phi = (out: Output, r: number, u: number) =>
    out.sampleLoss(moved(r, u), targets[out.name], 3) - out.sampleLoss(z, targets[out.name], 3);

  for (const out of [bce, ce]) {
    it(`approximates the ${out.name} loss change along each direction with an error of order u⁵`, () => {
      const c = new Float64Array(20);
      out.series(z, targets[out.name], 3, dirs(c));
      for (const r of [0, 1]) {
        const order = errorOrder((u) => phi(out, r, u) - poly(c, 3 + 5 * r, u), 0.05);
        expect(order, `direction ${r}`).toBeGreaterThan(4.7);
      }
    });
  }

  it('gives the mse loss change along each direction exactly: it is quadratic', () => {
    const c = new Float64Array(20);
    mse.series(z, targets.mse, 3, dirs(c));
    for (const r of [0, 1]) {
      for (const u of [0.7, -2]) expect(poly(c, 3 + 5 * r, u)).toBeCloseTo(phi(mse, r, u), 13);
    }
  });

  for (const out of [bce, ce, mse]) {
    it(`returns ${out.name}'s loss term with sampleLoss's bits, for 200 seeded logit vectors`, () => {
      // Many vectors, some far out (|z| up to 40): a sum taken in another order differs in a few of them.
      const rng = stream('series-loss', out.name);
      const c = new Float64Array(20);
      for (let n = 0; n < 200; n++) {
        const scale = n % 4 === 0 ? 40 : 3;
        const zs = f64(...[0, 1, 2].map(() => (2 * rng() - 1) * scale));
        const t = f64(
          5,
          5,
          5,
          ...(out === ce ? [0, 1, 2].map((k) => (k === n % 3 ? 1 : 0)) : [0, 1, 2].map(() => rng())),
        );
        if (out === bce) for (let k = 3; k < 6; k++) t[k] = t[k] < 0.5 ? 0 : 1;
        expect(out.series(zs, t, 3, dirs(c)), `vector ${n}`).toBe(out.sampleLoss(zs, t, 3));
      }
    });
  }

  for (const out of [bce, ce, mse]) {
    it(`gives ${out.name}'s same coefficients, and NaN for the loss, when the loss is not wanted`, () => {
      const [a, b] = [new Float64Array(20), new Float64Array(20)];
      out.series(z, targets[out.name], 3, dirs(a));
      expect(out.series(z, targets[out.name], 3, dirs(b), false)).toBeNaN();
      expect(b).toEqual(a);
    });
  }

  for (const out of [bce, ce, mse]) {
    it(`writes ${out.name}'s coefficients of its count directions and nothing else`, () => {
      const c = new Float64Array(20).fill(-7);
      out.series(z, targets[out.name], 3, dirs(c));
      const written = [...c].map((x, i) => (x === -7 ? -1 : i)).filter((i) => i >= 0);
      expect(written).toEqual([3, 4, 5, 6, 8, 9, 10, 11]);
    });
  }
});

describe('backprop', () => {
  // Two logistic outputs, so that each sample's targets sit at 2·s. Built inside each test
  // (see methods-evaluate.test.ts: work while collecting makes mutants static).
  const fixture = () => {
    const net = makeNet([3, 3, 2], 'tanh');
    const params = randomParams(net, stream('bp', 'init')).map((w) => 2 * w - 1);
    const data = makeDataset(
      'two-out',
      [
        [0.5, -1, 1],
        [1.5, 0.2, 1],
        [-0.3, 0.8, 1],
      ],
      [
        [1, 0],
        [0, 0],
        [1, 1],
      ],
    );
    return { net, params, data, grad: new Float64Array(paramCount(net)) };
  };

  it('returns the mean loss of the whole set', () => {
    const { net, params, data, grad } = fixture();
    expect(backprop(net, params, data, bce, grad)).toBeCloseTo(meanLoss(net, params, data, bce), 15);
  });

  it('returns the mean loss of the samples it is given', () => {
    const { net, params, data, grad } = fixture();
    const samples = Int32Array.from([2, 0]);
    const expected = lossSum(net, params, data, bce, makeScratch(net), samples) / 2;
    expect(backprop(net, params, data, bce, grad, samples)).toBeCloseTo(expected, 15);
  });

  it('overwrites whatever the gradient buffer held', () => {
    const { net, params, data, grad } = fixture();
    const used = new Float64Array(grad.length).fill(3);
    backprop(net, params, data, bce, grad);
    backprop(net, params, data, bce, used);
    expect([...used]).toEqual([...grad]);
  });
});
