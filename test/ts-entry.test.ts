// The TypeScript sources run as they are where Node strips types (22.18+, 24):
// `node src/cli/train.ts`, its pool workers loading workers/eval-worker.ts,
// trains to the bundle's weights byte for byte. Run with Node 24 from the
// `node` package CI installs in .ci/node24 (or this Node, where it strips
// types itself).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const strips = Boolean((process.features as { typescript?: unknown }).typescript);
const ci24 = join('.ci', 'node24', 'node_modules', 'node', 'bin', 'node');
const node = strips ? process.execPath : existsSync(ci24) ? ci24 : undefined;
const dir = mkdtempSync(join(tmpdir(), 'np-ts-'));

function weightsOf(entry: string, out: string, args: string[]): string {
  const r = spawnSync(node as string, [entry, ...args, '--quiet', '--out', out], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.stringify(JSON.parse(readFileSync(out, 'utf8')).weights);
}

// Without a Node that strips types there is nothing to run the sources with: `bash .ci/run` installs one.
describe.runIf(node)(`node src/cli/train.ts (${node ? 'Node that strips types' : 'no such Node here'})`, () => {
  for (const [name, args] of [
    ['numerical gradient on a pool of 2', ['--threads', '2']],
    [
      'es, two hidden layers, on a pool of 2',
      ['--threads', '2', '--method', 'es', '--hidden', '5,4', '--max-iters', '200'],
    ],
  ] as const) {
    it(`trains ${name} to the bundle's weights byte for byte`, () => {
      const fromSources = weightsOf('src/cli/train.ts', join(dir, `${name}-ts.json`), [...args]);
      const fromBundle = weightsOf('dist/train.js', join(dir, `${name}-js.json`), [...args]);
      const mainThread = weightsOf('dist/train.js', join(dir, `${name}-0.json`), [...args.slice(2), '--threads', '0']);
      expect(fromSources).toBe(fromBundle);
      expect(fromSources).toBe(mainThread); // and both are the main thread's own weights
    });
  }
});
