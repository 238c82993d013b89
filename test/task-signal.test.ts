// Ctrl-C during a task run, as a terminal sends it to the process group: the
// best policy so far is saved, with its task, and the exit says which signal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';
import { startChild } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-task-signal-'));

describe('SIGINT to a task run', () => {
  it.each([0, 2])(
    'saves the best policy so far and exits 130 (threads %i)',
    async (threads) => {
      const out = join(dir, `int-${threads}.json`);
      const args = ['dist/train.js', '--task', 'pendulum', '--threads', String(threads), '--report-every', '1'];
      const never = ['--target-return', '1e9', '--max-seconds', '0', '--out', out];
      const {
        child,
        out: text,
        closed,
      } = startChild(process.execPath, [...args, ...never], {
        cwd: resolve('.'),
        detached: true,
      });
      let sent = false;
      child.stdout.on('data', () => {
        if (!sent && (text.stdout.match(/held-out/g) ?? []).length >= 3) {
          sent = true;
          process.kill(-(child.pid as number), 'SIGINT');
        }
      });
      const ended = await closed;
      expect(ended.code).toBe(130);
      expect(text.stderr.trim()).toBe(`train: interrupted; the best policy so far is in ${out}`);
      const model = loadModel(out);
      expect([model.task, model.meta.stopReason]).toEqual([{ task: 'pendulum', episodes: 4 }, 'interrupted']);
    },
    60_000,
  );
});
