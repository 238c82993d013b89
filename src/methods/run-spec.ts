// One serialized description of what a run evaluates: the network as the
// model file names it (nodes, func), the loss, and the evaluation settings.
// The coordinator and every worker build their evaluator from it through the
// same function, so no thread can evaluate a different problem from another.

import { type ActivationName, isActivationName } from '../nn/activation.ts';
import { makeNet, type Net } from '../nn/network.ts';
import { LOSSES, type LossName, type Output, outputs } from '../nn/output.ts';

export type JobKind = 'forward' | 'central' | 'random' | 'spsa' | 'es';
export const JOB_KINDS: readonly JobKind[] = ['forward', 'central', 'random', 'spsa', 'es'];

/** How one iteration's evaluations are numbered and what each perturbs (see evaluate.ts). */
export interface EvalSpec {
  kind: JobKind;
  seed: string;
  h: number;
  delta: number;
  candidates: number;
  /** Evolution strategies: the noise's scale, and its rank per layer (0: dense; es-noise.ts). */
  sigma: number;
  rank: number;
  /** Mini-batch size; 0: every evaluation sees the whole data set. */
  batch: number;
  /** Gradient evaluations: incremental differences from a cached base pass, or a whole forward pass each. */
  grad: GradMode;
}

export type GradMode = 'incremental' | 'naive';
export const GRAD_MODES: readonly GradMode[] = ['incremental', 'naive'];

export function evalCount(spec: EvalSpec, params: number): number {
  if (spec.kind === 'forward') return params + 1;
  if (spec.kind === 'central') return 2 * params + 1;
  if (spec.kind === 'spsa') return 3; // E(w + cΔ), E(w − cΔ), E(w)
  if (spec.kind === 'es') return spec.candidates + 1 + params; // the K losses, E(w), then ĝ
  // On a mini-batch, the current weights' loss on the same batch comes last (elitist selection needs it).
  return spec.candidates + (spec.batch > 0 ? 1 : 0);
}

export interface RunSpec {
  nodes: number[];
  func: ActivationName;
  loss: LossName;
  eval: EvalSpec;
}

export function describeRun(net: Net, output: Output, spec: EvalSpec): RunSpec {
  return { nodes: [...net.nodes], func: net.func, loss: output.name, eval: { ...spec } };
}

export interface BuiltRun {
  net: Net;
  output: Output;
  spec: EvalSpec;
}

/** Everything an evaluator needs, from the description alone; throws on a field it does not know. */
export function buildRun(run: RunSpec): BuiltRun {
  if (!isActivationName(run.func)) throw new Error(`run: func ${JSON.stringify(run.func)} is not an activation`);
  if (!(LOSSES as readonly string[]).includes(run.loss))
    throw new Error(`run: loss ${JSON.stringify(run.loss)} is not a loss`);
  if (!JOB_KINDS.includes(run.eval.kind)) throw new Error(`run: eval kind ${JSON.stringify(run.eval.kind)} is unknown`);
  if (!GRAD_MODES.includes(run.eval.grad)) throw new Error(`run: grad ${JSON.stringify(run.eval.grad)} is unknown`);
  return { net: makeNet(run.nodes, run.func), output: outputs[run.loss], spec: run.eval };
}
