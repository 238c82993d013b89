// Everything in the main thread, with the same functions the workers use.

import { evaluateAll, makeEvaluator } from '../methods/evaluate.ts';
import { evalCount } from '../methods/run-spec.ts';
import { paramCount } from '../nn/network.ts';
import type { ThreadChoice } from './auto-threads.ts';
import { emptyProfile, type Profile } from './profile.ts';
import type { Runner, RunnerOptions } from './runner.ts';

export class InlineRunner implements Runner {
  readonly strategy = 'inline';
  readonly profile: Profile;
  choice?: ThreadChoice;
  private readonly ev;
  private readonly params: Float64Array;
  readonly results: Float64Array;
  private readonly count: number;

  constructor(
    o: RunnerOptions,
    readonly threads = 0,
  ) {
    this.profile = o.profile ?? emptyProfile();
    this.ev = makeEvaluator(o.run, o.data);
    const P = paramCount(this.ev.net);
    this.count = evalCount(o.run.eval, P);
    this.params = new Float64Array(P);
    this.results = new Float64Array(this.count);
  }

  setParams(params: Float64Array): void {
    this.params.set(params);
  }

  async run(t: number): Promise<void> {
    const t0 = performance.now();
    evaluateAll(this.ev, this.params, t, this.results);
    this.profile.computeMs += performance.now() - t0;
    this.profile.evals += this.count;
    this.profile.ownEvals += this.count;
    this.profile.iterations++;
  }

  describe(): string {
    return 'main thread only';
  }

  async close(): Promise<void> {}
}
