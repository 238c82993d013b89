// npm run bench:mnist: the race to 90% test accuracy on the built-in digits,
// numerical gradient (incremental) against backprop, on the same net, data
// and seed: whole-process seconds and training seconds, median of several
// runs made side by side (interleaved). Extra arguments go to every run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLine } from '../src/cli/command.ts';
import { parseArgs, TRAIN_FLAGS } from '../src/cli/train-flags.ts';
import { resolveOptions } from '../src/train/options.ts';
import { OptionError } from '../src/util/option-error.ts';
import { median } from '../src/util/stats.ts';
import { UsageError } from '../src/util/usage-error.ts';
import { fail, parseScriptArgs, whole } from './script-args.ts';

// Every run gets these; the rest of train's flags may be given, and go to every run as typed.
const FIXED = ['--data', 'mnist', '--json'];
const SET_HERE = ['data', 'method', 'json', 'out'];
const argv: string[] = []; // the flags for train, as typed (parseScriptArgs puts them here)
const { runs } = await parseScriptArgs(
  'bench:mnist',
  'The race to 90% test accuracy on the built-in digits, numerical gradient against backprop.\n' +
    'Any other flag of train (npm run train -- --help) goes to every run, ' +
    `except --${SET_HERE.join(', --')} (set here).`,
  { runs: { describe: 'runs of each method, interleaved (median reported)', default: 3, read: whole(1) } },
  { rows: Object.fromEntries(Object.entries(TRAIN_FLAGS).filter(([k]) => !SET_HERE.includes(k))), passed: argv },
);
// Train's flags were read by their rows, as train reads them; what train() checks across options is checked
// here too, so that a bad one is refused before the first run, in its words.
try {
  resolveOptions((await parseArgs([...FIXED, '--method', 'gradient', ...argv])).options);
} catch (e) {
  if (e instanceof UsageError || e instanceof OptionError) fail('bench:mnist', errorLine(e));
  throw e;
}
const out = join(mkdtempSync(join(tmpdir(), 'np-race-')), 'model.json');
const methods = ['gradient', 'backprop'];

interface Run {
  wholeS: number;
  trainS: number;
  iterations: number;
  stop: string;
  testAccuracy: number;
}

function race(method: string): Run {
  const args = ['dist/train.js', ...FIXED, '--method', method, '--out', out, ...argv];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wholeS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`train ${args.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
  return {
    wholeS,
    trainS: summary.wallSeconds,
    iterations: summary.iterations,
    stop: summary.stopReason,
    testAccuracy: summary.test.accuracy,
  };
}

console.log(`${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`npm run train -- --data mnist --method <m> ${argv.join(' ')}: ${runs} runs each, interleaved\n`);
const results = new Map<string, Run[]>(methods.map((m) => [m, []]));
for (let r = 0; r < runs; r++) for (const m of methods) (results.get(m) as Run[]).push(race(m));
const row = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(10) : i === cells.length - 1 ? `  ${c}` : c.padStart(13))).join('');
console.log(row(['method', 'whole s', 'training s', 'iterations', 'test acc.', 'stopped']));
const med = new Map<string, number>();
for (const m of methods) {
  const rs = results.get(m) as Run[];
  med.set(m, median(rs.map((x) => x.trainS)));
  console.log(
    row([
      m,
      median(rs.map((x) => x.wholeS)).toFixed(2),
      median(rs.map((x) => x.trainS)).toFixed(2),
      String(median(rs.map((x) => x.iterations))),
      `${(100 * median(rs.map((x) => x.testAccuracy))).toFixed(1)}%`,
      [...new Set(rs.map((x) => x.stop))].join(','),
    ]),
  );
}
const ratio = (med.get('gradient') as number) / (med.get('backprop') as number);
console.log(`\nnumerical gradient / backprop, training time to the target: ${ratio.toFixed(2)}×`);
