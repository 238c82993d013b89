// npm run bench:soak: memory over a long run, the soak. It trains the
// spiral on a pool for --seconds (train --data spiral --max-seconds S
// --threads T), samples the process's resident memory four times a second,
// and prints the peak over the first and the last 10 s. Then the same run
// again with a full GC every 10 s, whose live heap after each GC shows what
// the process keeps, apart from garbage the collector has not yet taken.
// Resident memory is read from /proc: Linux only.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, parseScriptArgs, threadCount, whole } from './script-args.ts';

const { seconds, threads } = await parseScriptArgs('bench:soak', 'Memory at the start and the end of a long run.', {
  seconds: { describe: 'length of each run', default: 120, read: whole(20) },
  threads: { describe: 'pool threads', default: 4, read: threadCount },
});
if (process.platform !== 'linux')
  fail('bench:soak', `reads memory from /proc, expected Linux (this is ${process.platform})`);

const WINDOW_MS = 10_000;
const train = join(dirname(fileURLToPath(import.meta.url)), 'train.js'); // dist/, beside this bundle
const scratch = mkdtempSync(join(tmpdir(), 'np-soak-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
// Loaded into the trainer with --require: the live heap after a full GC, every WINDOW_MS, on stderr.
const probe = join(scratch, 'probe.cjs');
writeFileSync(
  probe,
  `setInterval(() => { gc(); gc(); process.stderr.write('heap ' + process.memoryUsage().heapUsed + '\\n'); }, ${WINDOW_MS}).unref();\n`,
);

interface Sample {
  ms: number;
  rssKb: number;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** One run: resident memory samples, the heap after each forced GC (with gc), and the summary's iterations. */
function soak(gc: boolean): Promise<{ samples: Sample[]; heaps: number[]; iterations: string }> {
  const args = [
    ...(gc ? ['--expose-gc', '--require', probe] : []),
    train,
    ...['--data', 'spiral', '--max-seconds', String(seconds), '--threads', String(threads)],
    ...['--out', join(scratch, 'model.json'), '--quiet'],
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const t0 = performance.now();
  const samples: Sample[] = [];
  const timer = setInterval(() => {
    try {
      samples.push({ ms: performance.now() - t0, rssKb: rssKb(child.pid as number) });
    } catch {} // the process has just ended
  }, 250);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((done) =>
    child.on('close', () => {
      clearInterval(timer);
      const heaps = [...stderr.matchAll(/^heap (\d+)$/gm)].map((m) => Number(m[1]));
      done({ samples, heaps, iterations: /iterations: (\d+)/.exec(stdout)?.[1] ?? '?' });
    }),
  );
}

const mb = (kb: number) => `${(kb / 1000).toFixed(0)} MB`;
const peak = (xs: Sample[]) => Math.max(...xs.map((x) => x.rssKb));

console.log(
  `train --data spiral --max-seconds ${seconds} --threads ${threads}, twice: as is, then with a GC every 10 s`,
);
for (const gc of [false, true]) {
  const { samples, heaps, iterations } = await soak(gc);
  const end = samples.at(-1)?.ms ?? 0;
  const first = peak(samples.filter((s) => s.ms <= WINDOW_MS));
  const last = peak(samples.filter((s) => s.ms >= end - WINDOW_MS));
  const heapMb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const heap =
    heaps.length > 0 ? `; live heap after GC ${heapMb(heaps[0])} at 10 s, ${heapMb(heaps.at(-1) ?? 0)} at the end` : '';
  console.log(
    `${gc ? 'GC every 10 s' : 'as is'.padEnd(13)}  ${iterations} iterations; resident peak first 10 s ${mb(first)}, last 10 s ${mb(last)}${heap}`,
  );
}
