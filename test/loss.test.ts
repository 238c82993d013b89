import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { parseModel } from '../src/model/model-file.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { score } from '../src/nn/metrics.ts';
import { constantParams, makeNet } from '../src/nn/network.ts';
import { bce, mse, softplus } from '../src/nn/output.ts';

// The two models the original write-up printed after training on its
// 50-point set: random updates stopped below 0.2 at iteration ~40,900 (last
// printed loss 0.2005773), numerical gradient at ~35,500 (0.2004402). Each
// returned the weights of the step before the loss crossed 0.2, so their
// loss on the same data must lie between 0.2 and the last printed value.
const ORIGINAL_RANDOM = `{"nodes":[3,6,1],"func":"logistic","weights":[[[-1.6322905386460618,0.8474264426332738,1.5164608145186957,1.006524133735246,-1.3338148714534757,0.41288614157208736],[-0.14701069918606588,0.9856379438786887,0.6137505144406843,0.9185581146529809,2.2206110537993666,0.3038935564489956],[5.024415204130707,1.176886941218098,1.3125489924132216,0.5669286531234229,0.4812070787884914,-1.721984916619937]],[[-5.014729365568847],[-1.3161836903024],[-1.67535089053784],[-1.409897155916921],[5.122658210002135],[2.3911571536050675]]]}`;
const ORIGINAL_GRADIENT = `{"nodes":[3,6,1],"func":"logistic","weights":[[[0.9476824494425211,0.7742720581326019,1.548718284318479,1.0507296802976875,-0.8104515255968177,-0.6706549275076373],[1.2801447793603153,1.2030460046783422,0.012586512769285574,1.158871756033361,1.6259846088747263,1.3410827184888816],[0.8501839044170969,1.052285270512655,-4.051173560144101,0.7020271010358694,-1.1310995384148081,-0.892625581728861]],[[-3.5135386389691803],[-2.8458019517840354],[6.684181788934695],[-2.9414483024037072],[3.6869865857248842],[2.539847467590837]]]}`;

describe('binary cross-entropy', () => {
  it('matches −ln y and −ln(1 − y) computed by hand', () => {
    // constant 0.1 on [3,2,1] with x = [0.2, 0.3, 1] gives y = 0.5268456510695569:
    // −ln y = 0.6408476555601033, −ln(1 − y) = 0.7483336246288533
    const net = makeNet([3, 2, 1]);
    const data = makeDataset(
      't',
      [
        [0.2, 0.3, 1],
        [0.2, 0.3, 1],
      ],
      [[1], [0]],
    );
    expect(meanLoss(net, constantParams(net, 0.1), data, bce)).toBeCloseTo(
      (0.6408476555601033 + 0.7483336246288533) / 2,
      14,
    );
  });

  it('stays finite where the output saturates to exactly 0 or 1', () => {
    const net = makeNet([3, 2, 1]);
    const data = makeDataset(
      't',
      [
        [9, 9, 1],
        [9, 9, 1],
      ],
      [[1], [0]],
    );
    const params = constantParams(net, 100); // z ≈ 200, σ(z) rounds to 1
    const loss = meanLoss(net, params, data, bce);
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(200 / 2, 9); // the d = 0 sample costs z = 200, the d = 1 one ≈ 0
  });

  it('computes softplus without overflow at both ends', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
  });

  it("gives the original's trained models the loss it printed for them", () => {
    const data = seed2class();
    const random = parseModel(ORIGINAL_RANDOM, 'original random');
    const gradient = parseModel(ORIGINAL_GRADIENT, 'original gradient');
    const lossR = meanLoss(random.net, random.params, data, bce);
    const lossG = meanLoss(gradient.net, gradient.params, data, bce);
    expect(lossR).toBeGreaterThanOrEqual(0.2);
    expect(lossR).toBeLessThan(0.2005774);
    expect(lossG).toBeGreaterThanOrEqual(0.2);
    expect(lossG).toBeLessThan(0.2004403);
    expect(score(random.net, random.params, data, bce).accuracy).toBeGreaterThan(0.85);
  });
});

describe('half mean squared error', () => {
  it('matches ½(y − d)² averaged by hand with an identity output', () => {
    // y = 0.1·2·σ(0.15) = 0.10748596906874992 for both samples
    const net = makeNet([3, 2, 1]);
    const data = makeDataset(
      't',
      [
        [0.2, 0.3, 1],
        [0.2, 0.3, 1],
      ],
      [[1], [-1]],
    );
    const y = 0.10748596906874992;
    const expected = (0.5 * (y - 1) ** 2 + 0.5 * (y + 1) ** 2) / 2;
    expect(meanLoss(net, constantParams(net, 0.1), data, mse)).toBeCloseTo(expected, 14);
  });
});
