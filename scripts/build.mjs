// Compiles the TypeScript entry points to JavaScript bundles in dist/, so that
// the CLI, the scripts and every pool worker run plain JavaScript: no
// TypeScript loader at run time, in the main thread or in a worker.
//
// ensureBuilt() is cheap when nothing changed (it compares file times with a
// stamp), so every command runs it first and an edit to src/ takes effect on
// the next run with no step to forget. esbuild loads only when a build is due.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.stamp.json');

/** Bundle name -> TypeScript entry point. */
export const ENTRIES = {
  index: 'src/index.ts',
  'neuro-pool': 'src/cli/main.ts',
  train: 'src/cli/train.ts',
  plot: 'src/cli/plot.ts',
  predict: 'src/cli/predict.ts',
  play: 'src/cli/play.ts',
  compare: 'src/cli/compare.ts',
  'eval-worker': 'workers/eval-worker.ts',
  speedup: 'scripts/speedup.ts',
  'speedup-tasks': 'scripts/speedup-tasks.ts',
  'speedup-runs': 'scripts/speedup-runs.ts',
  startup: 'scripts/startup.ts',
  'input-bench': 'scripts/input-bench.ts',
  'idx-load-bench': 'scripts/idx-load-bench.ts',
  'bench-csv': 'scripts/bench-csv.ts',
  'bench-gradient': 'scripts/bench-gradient.ts',
  'bench-es': 'scripts/bench-es.ts',
  'bench-tasks': 'scripts/bench-tasks.ts',
  'bench-mnist': 'scripts/bench-mnist.ts',
  'ab-runs': 'scripts/ab-runs.ts',
  'chart-bench': 'scripts/chart-bench.ts',
  soak: 'scripts/soak.ts',
};

/**
 * Every input that can change a bundle, with its modification time.
 * @returns {Record<string, number>}
 */
function inputs() {
  /** @type {Record<string, number>} */
  const found = {};
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found[path] = statSync(join(root, path)).mtimeMs;
    }
  };
  for (const dir of ['src', 'workers', 'scripts']) walk(dir);
  for (const file of ['package.json', 'package-lock.json', 'scripts/build.mjs'])
    found[file] = statSync(join(root, file)).mtimeMs;
  return found;
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Builds dist/ unless it is up to date with every input; returns whether it built. */
export async function ensureBuilt() {
  const now = inputs();
  const last = readStamp();
  if (JSON.stringify(last?.inputs) === JSON.stringify(now)) return false;
  const { build } = await import('esbuild');
  mkdirSync(dist, { recursive: true });
  const { metafile } = await build({
    absWorkingDir: root,
    metafile: true,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
    outdir: dist,
    bundle: true,
    // Code reached only through import() (the pool, piscina) goes to its own chunk and loads when first wanted.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Piscina starts its own worker script from its package folder, and resvg loads a native
    // binary from its platform package: neither can be bundled.
    external: ['piscina', '@resvg/resvg-js'],
    // Bundled CommonJS (seedrandom) calls require for Node's built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  // Chunk names are content hashes, so every build leaves new files. Old ones stay a day, and
  // the last build's always: a command still running may yet import its chunks lazily (the pool,
  // --plot's charts at the end of a long run). The worker's entry, eval-worker.js, keeps its name.
  const outputs = Object.keys(metafile.outputs).map((path) => basename(path));
  const keep = new Set([...outputs, ...(last?.outputs ?? []), basename(stampFile)]);
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const file of readdirSync(dist)) {
    const path = join(dist, file);
    if (!keep.has(file) && statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
  writeFileSync(stampFile, JSON.stringify({ inputs: now, outputs }));
  return true;
}

/**
 * The library's type declarations, dist/types/index.d.ts and what it imports,
 * for `import { train } from 'neuro-pool'` in TypeScript (package.json's
 * exports). Slower than a bundle (the whole type check), so only for packing.
 */
function declarations() {
  rmSync(join(dist, 'types'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const flags = ['--declaration', '--emitDeclarationOnly', '--outDir', join(dist, 'types')];
  const options = ['--target', 'ES2022', '--lib', 'ES2024', '--module', 'NodeNext', '--types', 'node'];
  const checks = ['--strict', '--allowImportingTsExtensions', '--skipLibCheck'];
  const r = spawnSync(process.execPath, [tsc, join(root, 'src', 'index.ts'), ...flags, ...options, ...checks], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`tsc could not write the declarations (exit code ${r.status})`);
}

// `node scripts/build.mjs`: build now if needed. --clean: from an empty dist/ (what npm pack
// ships must hold no chunk of an older build); --types: the declarations too.
if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const clean = process.argv.includes('--clean');
  if (clean) rmSync(dist, { recursive: true, force: true });
  const built = await ensureBuilt();
  console.log(built ? 'built dist/' : 'dist/ is up to date');
  if (process.argv.includes('--types')) {
    declarations();
    console.log('wrote dist/types/');
  }
}
