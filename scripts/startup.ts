// npm run bench:startup: how long a whole `npm run train` takes with default
// flags on the built-in set, and the compiled entry run by node directly:
// the median of several whole-process runs of each, interleaved.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, spread } from '../src/util/stats.ts';

const runs = Number(process.argv[2] ?? 7);
const out = join(mkdtempSync(join(tmpdir(), 'np-startup-')), 'model.json');
// The model goes to a temporary file; every other flag is the default.
const commands: [string, string, string[]][] = [
  ['npm run train', 'npm', ['run', 'train', '--silent', '--', '--out', out]],
  ['node dist/train.js', process.execPath, ['dist/train.js', '--out', out]],
  ['node -e 0 (Node itself)', process.execPath, ['-e', '0']],
];

function timeOnce(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

console.log(
  `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, Node ${process.version}; ${runs} runs each, interleaved`,
);
for (const [, cmd, args] of commands) timeOnce(cmd, args); // file caches warm, dist/ built
const times: number[][] = commands.map(() => []);
for (let r = 0; r < runs; r++) {
  commands.forEach(([, cmd, args], i) => {
    times[i].push(timeOnce(cmd, args));
  });
}
commands.forEach(([name], i) => {
  const ms = times[i];
  console.log(
    `${name.padEnd(26)} median ${(median(ms) / 1000).toFixed(3)} s  ±${(100 * spread(ms)).toFixed(0)}%  (min ${(Math.min(...ms) / 1000).toFixed(3)} s)`,
  );
});
