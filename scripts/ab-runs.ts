// npm run bench:ab: two builds of train side by side, the working tree's (B)
// and a git revision's (A, --base), as whole processes in alternating pairs
// (A, B, A, B, ...) so that a drift of the machine's speed falls on both,
// with each phase's busy time from --profile. On a shared machine whose speed
// drifts ±10% from one minute to the next, a change of a few percent shows
// only this way: single runs, or runs of A then runs of B, cannot tell it.
// Extra arguments go to every run of both builds.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRAIN_FLAGS } from '../src/cli/train-flags.ts';
import { type Profile, slotName } from '../src/parallel/profile.ts';
import { PHASE_SLOTS } from '../src/parallel/shared-state.ts';
import { median } from '../src/util/stats.ts';
import { Expected, parseScriptArgs, whole } from './script-args.ts';
import { medianRange } from './whole-runs.ts';

const SET_HERE = ['json', 'profile', 'quiet', 'out'];
const root = new URL('..', import.meta.url).pathname;

/** A revision git knows (checked before any build), as typed. */
function revision(s: string): string {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${s}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Expected('a git revision of this project', s);
  return s;
}

const argv: string[] = [];
const a = await parseScriptArgs(
  'bench:ab',
  'Train, as built from a git revision (A) and from the working tree (B), in alternating pairs.\n' +
    `Any other flag of train goes to every run, except --${SET_HERE.join(', --')} (set here).`,
  {
    base: { describe: 'the git revision of A', default: 'HEAD', read: revision },
    pairs: { describe: 'pairs of runs (A, then B)', default: 6, read: whole(1) },
  },
  { rows: Object.fromEntries(Object.entries(TRAIN_FLAGS).filter(([k]) => !SET_HERE.includes(k))), passed: argv },
);

const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
};

/** A's build: the revision checked out beside the project, sharing its node_modules. */
function buildBase(rev: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'np-ab-')), 'a');
  git('worktree', 'add', '--detach', dir, rev);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building ${rev}: ${r.stderr}`);
  return dir;
}

interface Run {
  wallMs: number;
  result: string;
  profile: Profile;
}

const out = join(mkdtempSync(join(tmpdir(), 'np-ab-out-')), 'model.json');

function run(dir: string): Run {
  const args = [join(dir, 'dist/train.js'), ...argv, '--json', '--profile', '--quiet', '--out', out];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`train ${argv.join(' ')} (${dir}) exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const summary = lines.find((l) => l.type === 'summary');
  return { wallMs, result: String(summary?.loss), profile: lines.find((l) => l.type === 'profile') };
}

const rev = git('rev-parse', '--short', a.base);
const base = buildBase(a.base);
try {
  const runs: { A: Run[]; B: Run[] } = { A: [], B: [] };
  for (let k = 0; k < a.pairs; k++) {
    runs.A.push(run(base));
    runs.B.push(run(root));
    const [x, y] = [runs.A[k], runs.B[k]];
    console.log(`pair ${k + 1}: A ${(x.wallMs / 1000).toFixed(2)} s, B ${(y.wallMs / 1000).toFixed(2)} s`);
  }
  const same = runs.A.every((x, k) => x.result === runs.B[k].result);
  const s = (ms: number[]) => medianRange(ms.map((x) => x / 1000));
  const perIter = (r: Run, ms: number) => (1000 * ms) / Math.max(1, r.profile.iterations);
  console.log(
    `\nA: ${a.base === rev ? rev : `${rev} (${a.base})`}, B: the working tree; train ${argv.join(' ')}; medians of ${a.pairs} pairs (range)`,
  );
  console.log(
    `  whole process, s        A ${s(runs.A.map((r) => r.wallMs)).padEnd(20)} B ${s(runs.B.map((r) => r.wallMs))}`,
  );
  const ratio = runs.B.map((r, k) => r.wallMs / runs.A[k].wallMs);
  const faster = ratio.filter((x) => x < 1).length;
  console.log(`  B / A per pair          ${medianRange(ratio)}; B faster in ${faster} of ${a.pairs}`);
  for (let slot = 0; slot < PHASE_SLOTS; slot++) {
    if (!(runs.B[0].profile.busyMs[slot] > 0)) continue;
    const name = slotName(runs.B[0].profile, slot);
    // A revision from before the per-phase profile has no busy times: shown as -.
    const busy = (xs: Run[]) =>
      xs.every((r) => r.profile.busyMs) ? median(xs.map((r) => perIter(r, r.profile.busyMs[slot]))).toFixed(0) : '-';
    console.log(`  ${`${name}, busy µs/iter`.padEnd(24)} A ${busy(runs.A).padEnd(20)} B ${busy(runs.B)}`);
  }
  if (!same) console.log('  (A and B ended with different losses: the change changes what the run computes)');
} finally {
  git('worktree', 'remove', '--force', base);
  if (existsSync(base)) rmSync(base, { recursive: true, force: true });
}
