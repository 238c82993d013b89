// How long a large CSV file takes to read into typed columns (src/data/csv.ts),
// and the peak memory of the process that reads it. The targets: 1,000,000
// rows of 20 features and a label (~146 MB) in <= 8 s, <= 600 MB resident.
//
// The script writes the file once into the temporary folder (seeded numbers of
// mixed magnitudes; kept for the next run, rewritten when its size is not the
// one recorded beside it), then runs itself again in a fresh process per load
// (`--child FILE`), so that each peak resident size (maxRSS) is that of a
// process that only loads. `--child FILE train` does what `train --data FILE`
// does before and in its first iteration: read, encode, hold out the
// validation part, scale, and train one mini-batch on the main thread.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvFile } from '../src/data/csv.ts';
import { train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';
import { median } from '../src/util/stats.ts';
import { parseScriptArgs, whole } from './script-args.ts';

const FEATURES = 20;

interface ChildReport {
  loadMs: number;
  featuresMs: number;
  maxRssMB: number;
  rows: number;
  columns: number;
  matrix: number;
}

/** Row r: 20 features (integers 0..999, and numbers of 4 or 5 digits from 0.01 to 100) and a 0/1 label. */
function* rowsOf(rows: number): Generator<string> {
  const rng = stream('bench-csv', 'rows');
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < FEATURES; j++) {
      const u = rng();
      const v = (2 * u - 1) * 10 ** ((j % 5) - 2);
      cells[j] = j % 4 === 3 ? String(Math.floor(u * 1000)) : String(Number(v.toPrecision(j % 2 ? 4 : 5)));
    }
    cells[FEATURES] = rng() < 0.5 ? '0' : '1';
    yield `${cells.join(',')}\n`;
  }
}

/** The benchmark file of `rows` rows: reused when its size is the one recorded when it was written. */
function benchFile(rows: number): string {
  const file = join(tmpdir(), `neuro-pool-bench-csv-${rows}.csv`);
  const sizeFile = `${file}.size`;
  if (existsSync(file) && existsSync(sizeFile) && readFileSync(sizeFile, 'utf8') === String(statSync(file).size)) {
    console.log(`reusing ${file} (${mb(statSync(file).size)} MB)`);
    return file;
  }
  const t0 = performance.now();
  const partial = `${file}.${process.pid}`;
  const fd = openSync(partial, 'w');
  try {
    const header = Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`);
    let text = `${[...header, 'label'].join(',')}\n`;
    for (const line of rowsOf(rows)) {
      text += line;
      if (text.length >= 1 << 20) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  // Renamed once complete, so that an interrupted write is never reused.
  renameSync(partial, file);
  writeFileSync(sizeFile, String(statSync(file).size));
  console.log(`wrote ${file}: ${mb(statSync(file).size)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function child(file: string, trainToo: boolean): Promise<void> {
  const t0 = performance.now();
  if (trainToo) {
    const r = await train({ data: file, maxIters: 1, threads: 0, reportEvery: 1 });
    const report: ChildReport = {
      loadMs: performance.now() - t0,
      featuresMs: 0,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      rows: r.data.n + (r.validation?.n ?? 0),
      columns: r.encoding.features.length + 1,
      matrix: r.data.inputs.length,
    };
    console.log(JSON.stringify(report));
    return;
  }
  const table = file === '--none' ? undefined : readCsvFile(file);
  const report: ChildReport = {
    loadMs: performance.now() - t0,
    featuresMs: 0,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rows: table?.rows ?? 0,
    columns: table?.columns.length ?? 0,
    matrix: 0,
  };
  console.log(JSON.stringify(report));
}

function load(file: string, trainToo = false): ChildReport {
  const args = [fileURLToPath(import.meta.url), '--child', file, ...(trainToo ? ['train'] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildReport;
}

function parent(rows: number, runs: number): void {
  const file = benchFile(rows);
  console.log(`Node ${process.version}; each load in a fresh process, ${runs} runs:`);
  console.log(`  node alone (nothing loaded): peak RSS ${load('--none').maxRssMB.toFixed(0)} MB`);
  const shape = `${rows.toLocaleString('en-US')} × ${FEATURES + 1}`;
  for (const trainToo of [false, true]) {
    const reports = Array.from({ length: runs }, () => load(file, trainToo));
    for (const r of reports) {
      if (r.rows !== rows || r.columns !== FEATURES + 1)
        throw new Error(`loaded ${r.rows} × ${r.columns}, expected ${shape}`);
    }
    const seconds = reports.map((r) => (r.loadMs + r.featuresMs) / 1000);
    const what = trainToo ? 'train --data FILE to its first mini-batch' : 'read into columns';
    console.log(
      `  ${what} ${shape}: median ${median(seconds).toFixed(2)} s (min ${Math.min(...seconds).toFixed(2)}), ` +
        `peak RSS ${median(reports.map((r) => r.maxRssMB)).toFixed(0)} MB (whole process)`,
    );
  }
}

// --child is this script's own call of itself, never typed: it stays out of the flags and their --help.
if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4] === 'train');
else {
  const { rows, runs } = await parseScriptArgs(
    'bench:csv',
    'How long a CSV of 20 features and a label takes to read into typed columns, and the peak memory of doing so.',
    {
      rows: {
        describe: 'rows in the benchmark file (written once into the temporary folder)',
        default: 1_000_000,
        read: whole(1),
      },
      runs: { describe: 'loads of each kind, each in a fresh process', default: 3, read: whole(1) },
    },
  );
  parent(rows, runs);
}
