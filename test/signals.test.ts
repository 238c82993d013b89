// Interrupting a run as a terminal or a process manager does: the signal goes
// to the whole process group, through `npm run` too. The best model so far is
// saved, the exit says which signal, and where the model is.
import { existsSync, mkdtempSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';
import { startChild } from './helpers.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-signals-'));
// A run that would take minutes: spiral, two hidden layers, one thread; a progress line every iteration.
const long = ['--data', 'spiral', '--hidden', '32,32', '--threads', '0', '--report-every', '1'];

/** Starts `cmd` in its own process group, signals the group after its second progress line. */
async function interrupt(cmd: string, args: string[], signal: NodeJS.Signals) {
  const { child, out, closed } = startChild(cmd, args, { cwd: root, detached: true });
  let sentAt = 0;
  child.stdout.on('data', () => {
    if (!sentAt && (out.stdout.match(/now diff/g) ?? []).length >= 2) {
      sentAt = performance.now();
      process.kill(-(child.pid as number), signal);
    }
  });
  const ended = await closed;
  return { ...ended, stderr: out.stderr.trim(), ms: performance.now() - sentAt };
}

describe('a signal to the process group', () => {
  it('SIGINT to node saves the best model so far and exits 130', async () => {
    const out = join(dir, 'int.json');
    const r = await interrupt(process.execPath, ['dist/train.js', ...long, '--out', out], 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.stderr).toBe(`train: interrupted; the best model so far is in ${out}`);
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  }, 60_000);

  it('SIGTERM saves it too and exits 143', async () => {
    const out = join(dir, 'term.json');
    const r = await interrupt(process.execPath, ['dist/train.js', ...long, '--out', out], 'SIGTERM');
    expect(r.code).toBe(143);
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  }, 60_000);

  it('Ctrl-C through npm run saves the model as well', async () => {
    const out = join(dir, 'npm.json');
    const r = await interrupt('npm', ['run', 'train', '--silent', '--', ...long, '--out', out], 'SIGINT');
    // npm passes a Ctrl-C on by dying of it, which a shell reports as 128 + 2.
    expect(r.code ?? 128 + constants.signals[r.signal as NodeJS.Signals]).toBe(130);
    expect(r.stderr).toBe(`train: interrupted; the best model so far is in ${out}`);
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  }, 60_000);
});

describe('a second Ctrl-C', () => {
  it('exits at once with 130 while the first is still stopping the run, saving nothing', async () => {
    const out = join(dir, 'twice.json');
    // A run that did not exit must not outlive the test: startChild's guard.
    const {
      child,
      out: ended,
      closed,
    } = startChild(
      process.execPath,
      ['dist/train.js', ...long, '--out', out],
      { cwd: root, env: { ...process.env, NEURO_POOL_TEST_FAULT: 'stuck-stop' } }, // test only: the first press goes unheard
      30_000,
    );
    const exited = closed.then((r) => r.code);
    await new Promise((started) => child.stdout.once('data', started));
    child.kill('SIGINT');
    const first = await Promise.race([exited, new Promise((wait) => setTimeout(() => wait('running'), 1000))]);
    expect(first).toBe('running'); // the first press asked for a stop and did not exit
    const sentAt = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(performance.now() - sentAt).toBeLessThan(1000);
    expect(ended.stderr).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
