import { describe, expect, it } from 'vitest';
import { predict } from '../src/nn/loss.ts';
import {
  constantParams,
  forwardLogits,
  makeNet,
  makeScratch,
  paramCount,
  randomParams,
  weightIndex,
  weightPos,
} from '../src/nn/network.ts';
import { bce } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

describe('network layout', () => {
  it('counts one in × out matrix per pair of layers', () => {
    expect(paramCount(makeNet([3, 6, 1]))).toBe(3 * 6 + 6 * 1);
    expect(paramCount(makeNet([3, 3, 2, 1]))).toBe(9 + 6 + 2);
  });

  it('maps every weight index to (layer, in, out) and back', () => {
    const net = makeNet([3, 4, 2, 1]);
    for (let k = 0; k < paramCount(net); k++) {
      const p = weightPos(net, k);
      expect(weightIndex(net, p.layer, p.in, p.out)).toBe(k);
    }
    expect(weightPos(net, 12)).toEqual({ layer: 1, in: 0, out: 0 });
    expect(weightPos(net, 3 * 4 + 4 * 2)).toEqual({ layer: 2, in: 0, out: 0 });
  });

  it('rejects a weight index outside the network', () => {
    expect(() => weightPos(makeNet([3, 2, 1]), 8)).toThrow(/weight index 8/);
  });

  it('rejects layer sizes that are not positive integers', () => {
    expect(() => makeNet([3, 0, 1])).toThrow(/positive integers/);
    expect(() => makeNet([3])).toThrow(/at least 2/);
  });
});

describe('forward pass', () => {
  it('matches a hand computation with constant weights 0.1', () => {
    // hidden: σ(0.1·(0.2 + 0.3 + 1)) = σ(0.15) = 0.5374298453437496
    // output: σ(0.1·2·0.5374298453437496) = σ(0.10748596906874992) = 0.5268456510695569
    const net = makeNet([3, 2, 1]);
    const y = predict(net, constantParams(net, 0.1), [0.2, 0.3, 1], bce);
    expect(y[0]).toBeCloseTo(0.5268456510695569, 15);
  });

  it('matches a hand computation with mixed weights, rows as inputs', () => {
    // h1 = σ(2·0.5 + 5·0.25 + 1·(−0.5)) = σ(1.75) = 0.8519528019683106
    // h2 = σ(2·(−1) + 5·2 + 1·0.1) = σ(8.1) = 0.9996965529699712
    // z = 1.5·h1 − 2·h2 = −0.7214639029874765, y = σ(z) = 0.3270707030052288
    const net = makeNet([3, 2, 1]);
    const params = Float64Array.from([0.5, -1, 0.25, 2, -0.5, 0.1, 1.5, -2]);
    const logits = forwardLogits(net, params, Float64Array.from([2, 5, 1]), 0, makeScratch(net));
    expect(logits[0]).toBeCloseTo(-0.7214639029874765, 14);
    expect(predict(net, params, [2, 5, 1], bce)[0]).toBeCloseTo(0.3270707030052288, 14);
  });

  it('applies relu and tanh to hidden units', () => {
    const params = Float64Array.from([0.5, -1, 0.25, 2, -0.5, 0.1, 1.5, -2]);
    const relu = forwardLogits(
      makeNet([3, 2, 1], 'relu'),
      params,
      Float64Array.from([2, 5, 1]),
      0,
      makeScratch(makeNet([3, 2, 1])),
    );
    expect(relu[0]).toBeCloseTo(1.5 * 1.75 - 2 * 8.1, 12);
    const tanh = forwardLogits(
      makeNet([3, 2, 1], 'tanh'),
      params,
      Float64Array.from([2, 5, 1]),
      0,
      makeScratch(makeNet([3, 2, 1])),
    );
    expect(tanh[0]).toBeCloseTo(1.5 * Math.tanh(1.75) - 2 * Math.tanh(8.1), 12);
  });

  it('starts random weights uniform in [0, 1), the same for the same seed', () => {
    const net = makeNet([3, 6, 1]);
    const a = randomParams(net, stream('5', 'init'));
    expect(a.every((w) => w >= 0 && w < 1)).toBe(true);
    expect([...randomParams(net, stream('5', 'init'))]).toEqual([...a]);
    expect([...randomParams(net, stream('6', 'init'))]).not.toEqual([...a]);
  });
});
