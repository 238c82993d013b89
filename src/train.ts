// train.ts: the command-line trainer. Flags in cli.ts, training in trainer.ts;
// this file wires them together and decides what the user sees.

import { type Args, UsageError, parseArgs, validate } from './cli.ts';
import { accuracy } from './loss.ts';
import { saveModel } from './model-file.ts';
import { paramCount } from './network.ts';
import { formatProfile } from './profile.ts';
import { printer, summary, summaryText } from './report.ts';
import { setup } from './setup.ts';
import { train } from './trainer.ts';

async function main(a: Args): Promise<void> {
  validate(a);
  const s = setup(a);
  const opts = {
    ...s, method: a.method, seed: a.seed, lr: a.lr, h: a.h, diff: a.diff, delta: a.delta, candidates: a.candidates, elitist: a.elitist,
    targetLoss: a['target-loss'], maxIters: a['max-iters'], maxSeconds: a['max-seconds'], minDelta: a['min-delta'], patience: a.patience,
    reportEvery: a['report-every'], strategy: a.strategy,
  };
  const threads = a.threads === 'auto' ? 'auto' : Number(a.threads);
  if (!a.quiet && !a.json) {
    console.log(`net ${JSON.stringify(s.net.nodes)} ${s.net.func}/${s.output.name}, ${paramCount(s.net)} weights; data ${s.data.name}, ${s.data.n} samples; method ${a.method}`);
  }

  // First Ctrl-C: stop after this iteration and save the best model so far.
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  const r = await train({ ...opts, threads, signal: stop.signal, onEvent: printer(a.json, a.quiet) });
  process.off('SIGINT', onSigint);

  const acc = s.output.name === 'bce' ? accuracy(s.net, r.params, s.data) : null;
  saveModel(a.out, {
    net: s.net, params: r.params, loss: s.output.name,
    meta: {
      method: a.method, seed: a.seed, data: s.data.name, init: s.init, iterations: r.iterations, loss: r.loss, accuracy: acc,
      stopReason: r.stopReason, ...(a.method === 'gradient' ? { lr: a.lr, h: a.h, diff: a.diff } : { delta: a.delta, candidates: a.candidates, elitist: a.elitist }),
      date: new Date().toISOString(),
    },
  });
  const sum = summary(r, acc, a.out);
  console.log(a.json ? JSON.stringify({ type: 'summary', ...sum }) : summaryText(sum));
  if (a.profile) console.log(a.json ? JSON.stringify({ type: 'profile', ...r.profile }) : formatProfile(r.profile));
  if (r.stopReason === 'interrupted') process.exitCode = 130;
}

try {
  await main(parseArgs());
} catch (err) {
  console.error(`train: ${(err as Error).message}`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
