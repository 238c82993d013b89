// Interrupting a run as a terminal or a process manager does: the signal goes
// to the whole process group, through `npm run` too. The best model so far is
// saved, the exit says which signal, and where the model is.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-signals-'));
// A run that would take minutes: spiral, two hidden layers, one thread; a progress line every iteration.
const long = ['--data', 'spiral', '--hidden', '32,32', '--threads', '0', '--report-every', '1'];

/** Starts `cmd` in its own process group, signals the group after its second progress line. */
function interrupt(cmd: string, args: string[], signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }>((done) => {
    const child = spawn(cmd, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!sentAt && (stdout.match(/now diff/g) ?? []).length >= 2) {
        sentAt = performance.now();
        process.kill(-(child.pid as number), signal);
      }
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code, sig) => done({ code, signal: sig, stderr: stderr.trim(), ms: performance.now() - sentAt }));
  });
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
    await interrupt('npm', ['run', 'train', '--silent', '--', ...long, '--out', out], 'SIGINT');
    expect(existsSync(out)).toBe(true);
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  }, 60_000);
});
