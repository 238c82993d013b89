// How a gradient becomes a step (train/step.ts): plain gradient descent and
// Adam by hand, then each method that estimates a gradient taking either,
// the same at any thread count.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStep } from '../src/train/step.ts';
import { train } from '../src/train/trainer.ts';

describe('a step', () => {
  it('of plain gradient descent moves each weight by lr·g, and by lr·wd·w more with weight decay', () => {
    const w = Float64Array.of(1, -2);
    makeStep({ optimizer: 'sgd', weightDecay: 0 }, 2)(w, Float64Array.of(9, 0.5, -1), 1, 0.1);
    expect([...w]).toEqual([1 - 0.1 * 0.5, -2 - 0.1 * -1]);
    makeStep({ optimizer: 'sgd', weightDecay: 0.5 }, 2)(w, Float64Array.of(0.5, -1), 0, 0.1);
    expect(w[0]).toBeCloseTo(0.95 - 0.05 - 0.05 * 0.95, 15);
  });

  it("of Adam moves each weight by about lr at first, whatever the gradient's size, then by its moments", () => {
    const w = Float64Array.of(0, 0);
    const step = makeStep({ optimizer: 'adam', weightDecay: 0 }, 2);
    step(w, Float64Array.of(1e-3, -50), 0, 0.1);
    const first = (0.1 * 1e-3) / (1e-3 + 1e-8); // m̂ = g, v̂ = g²: lr·g/(|g| + ε)
    expect(w[0]).toBeCloseTo(-first, 15);
    expect(w[1]).toBeCloseTo(0.1, 9);
    step(w, Float64Array.of(3e-3, -50), 0, 0.1);
    // By hand: m = 0.9·m + 0.1·g, v = 0.999·v + 0.001·g², bias-corrected by 1 − β^2.
    const m = 0.9 * (0.1 * 1e-3) + 0.1 * 3e-3;
    const v = 0.999 * (0.001 * 1e-6) + 0.001 * 9e-6;
    const second = (0.1 * (m / (1 - 0.9 ** 2))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    expect(w[0]).toBeCloseTo(-first - second, 15);
  });
});

describe('training with --optimizer adam', () => {
  const run = (o: Parameters<typeof train>[0]) => train({ maxIters: 30, optimizer: 'adam', lr: 0.05, ...o });

  it('steps numerical and analytic gradients alike', async () => {
    const numerical = await run({ method: 'gradient', threads: 0 });
    const analytic = await run({ method: 'backprop', threads: 0 });
    for (let k = 0; k < numerical.params.length; k++) expect(numerical.params[k]).toBeCloseTo(analytic.params[k], 4);
  });

  it('gives the same weights on 1 and 2 threads for gradient and spsa', async () => {
    for (const method of ['gradient', 'spsa'] as const) {
      const one = await run({ method, threads: 1, weightDecay: 0.01 });
      const two = await run({ method, threads: 2, weightDecay: 0.01 });
      expect(Buffer.from(two.params.buffer)).toEqual(Buffer.from(one.params.buffer));
    }
  });

  it('trains 100 hidden units on a regression where plain gradient descent at its default rate stalls', async () => {
    // y = 100·Σ (j+1)·x_j on 8 columns of 0..10, 600 rows: the net's 100 units at lr 0.5 stay at R² ≈ 0.
    let q = 7;
    const r = () => {
      q = (q * 16807) % 2147483647;
      return q / 2147483647;
    };
    const rows = Array.from({ length: 600 }, () => Array.from({ length: 8 }, () => r() * 10));
    const lines = rows.map((x) => [...x, x.reduce((a, v, j) => a + 100 * (j + 1) * v, 0)].join(','));
    const file = join(mkdtempSync(join(tmpdir(), 'np-step-')), 'reg.csv');
    writeFileSync(file, ['a,b,c,d,e,f,g,h,y', ...lines].join('\n'));
    const o = { data: file, hidden: [100], maxIters: 200, threads: 0 };
    const sgd = await train({ ...o, optimizer: 'sgd' });
    const adam = await train({ ...o, optimizer: 'adam', lr: 0.01 });
    expect([sgd.options.lr, sgd.loss > 0.3, adam.loss < 0.01]).toEqual([0.5, true, true]);
  });
});
