// How a gradient, or an estimate of one, becomes a step: plain gradient
// descent, w ← w − lr·g (the original's), or Adam (Kingma & Ba 2015), which
// scales each weight's step by its own history and so takes widths and scales
// a single lr cannot; either with decoupled weight decay, w ← w − lr·wd·w.
// One per run: Adam's moments live here, not in the model file, so a resumed
// run starts them afresh.

export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-8;

/** Moves `params` by the gradient `g[at..at+P)`, at rate `lr`. */
export type Step = (params: Float64Array, g: Float64Array, at: number, lr: number) => void;

export function makeStep(o: { optimizer: 'adam' | 'sgd'; weightDecay: number }, P: number): Step {
  const wd = o.weightDecay;
  // 'auto' is decided before a run's rule is made (auto-settings.ts): anything else here is a mistake.
  if (o.optimizer !== 'adam' && o.optimizer !== 'sgd') throw new Error(`no step for optimizer ${o.optimizer}`);
  if (o.optimizer === 'sgd')
    return (params, g, at, lr) => {
      const decay = lr * wd;
      if (wd === 0) for (let k = 0; k < P; k++) params[k] -= lr * g[at + k];
      else for (let k = 0; k < P; k++) params[k] -= lr * g[at + k] + decay * params[k];
    };
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  let steps = 0;
  return (params, g, at, lr) => {
    steps++;
    const decay = lr * wd;
    const c1 = 1 - BETA1 ** steps;
    const c2 = 1 - BETA2 ** steps;
    for (let k = 0; k < P; k++) {
      const gk = g[at + k];
      m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
      v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
      params[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + EPSILON) + decay * params[k];
    }
  };
}
