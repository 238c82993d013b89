// npm run bench:startup: how long a whole `npm run train` takes with default
// flags on the built-in set, and the compiled entry run by node directly:
// the median of several whole-process runs of each, interleaved.
//
// Both run exactly as typed, with no flags (flags load the parser: a real cost
// the default command does not pay). `npm run train` writes ./model.json in
// the project folder, so a model.json found there is put back afterwards; the
// compiled entry runs in a temporary folder. --baseline DIR times another
// checkout's `npm run train` in turn with this one's, to compare two versions
// in one run on one machine.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, spread } from '../src/util/stats.ts';
import { parseScriptArgs, whole } from './script-args.ts';

const { runs, baseline } = await parseScriptArgs(
  'bench:startup',
  'How long a whole `npm run train` takes, and node dist/train.js, npm and Node alone: whole-process runs.',
  {
    runs: {
      describe: 'timed runs of each command, interleaved (median reported)',
      default: 7,
      read: whole(1),
      positional: true,
    },
    baseline: {
      describe:
        "another checkout of the project (installed and built): its `npm run train`, timed in turn with this one's",
      default: '',
      read: (s: string) => s,
    },
  },
);
const root = join(dirname(fileURLToPath(import.meta.url)), '..'); // dist/ -> the project
const scratch = mkdtempSync(join(tmpdir(), 'np-startup-'));
const other = baseline === '' ? [] : [resolve(process.env.INIT_CWD ?? '.', baseline)];
const commands: [string, string, string[], string][] = [
  ['npm run train', 'npm', ['run', 'train', '--silent'], root],
  ...other.map((dir): [string, string, string[], string] => [
    'npm run train (baseline)',
    'npm',
    ['run', 'train', '--silent'],
    dir,
  ]),
  ['node dist/train.js', process.execPath, [join(root, 'dist', 'train.js')], scratch],
  ['node -e 0 (Node itself)', process.execPath, ['-e', '0'], scratch],
  // npm's own share: a script that starts no node at all.
  ['npm run (a no-op script)', 'npm', ['run', 'noop', '--silent'], scratch],
];

// The no-op script lives in its own package.json, in the temporary folder.
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ private: true, scripts: { noop: 'true' } }));
// Each `npm run train` writes model.json in its checkout: one found there is put back afterwards.
for (const dir of [root, ...other]) {
  const userModel = join(dir, 'model.json');
  const saved = existsSync(userModel) ? readFileSync(userModel) : undefined;
  process.on('exit', () => {
    if (saved) writeFileSync(userModel, saved);
    else rmSync(userModel, { force: true });
  });
}
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

function timeOnce(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

console.log(
  `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, Node ${process.version}; ${runs} runs each, interleaved`,
);
for (const [, cmd, args, cwd] of commands) timeOnce(cmd, args, cwd); // file caches warm, dist/ built
const times: number[][] = commands.map(() => []);
for (let r = 0; r < runs; r++) {
  commands.forEach(([, cmd, args, cwd], i) => {
    times[i].push(timeOnce(cmd, args, cwd));
  });
}
commands.forEach(([name], i) => {
  const ms = times[i];
  console.log(
    `${name.padEnd(26)} median ${(median(ms) / 1000).toFixed(3)} s  ±${(100 * spread(ms)).toFixed(0)}%  (min ${(Math.min(...ms) / 1000).toFixed(3)} s)`,
  );
});
// What the project itself adds: the whole command less npm's and Node's own start.
const [npmTrain, ...rest] = times.map(median);
const [, node0, npmNoop] = rest.slice(other.length);
const floor = npmNoop + node0;
console.log(
  `floor (npm no-op + node -e 0) ${(floor / 1000).toFixed(3)} s; npm run train adds ${((npmTrain - floor) / 1000).toFixed(3)} s to it`,
);
if (other.length > 0) {
  const ratios = times[0].map((ms, i) => ms / times[1][i]); // run by run: each pair ran back to back
  console.log(
    `this checkout / baseline: ${(npmTrain / rest[0]).toFixed(3)} (medians); pair by pair median ${median(ratios).toFixed(3)}, ${ratios.filter((r) => r <= 1).length} of ${ratios.length} pairs no slower`,
  );
}
