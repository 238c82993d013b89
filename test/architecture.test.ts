// The layout is the design: each folder of src/ is a layer, and imports point
// one way, from the command line down to the network math (docs/architecture.md).
// This reads every import in src/ and workers/ and fails on a cycle between
// modules or an import against the layers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Folder -> the folders it may import from (besides itself). */
const MAY_IMPORT: Record<string, string[]> = {
  util: [],
  data: ['util'],
  nn: ['util', 'data'],
  model: ['util', 'data', 'nn'],
  methods: ['util', 'data', 'nn', 'tasks'],
  // Control tasks: environments, and a net acting in them as a policy.
  tasks: ['util', 'nn'],
  parallel: ['util', 'data', 'nn', 'methods', 'tasks'],
  train: ['util', 'data', 'nn', 'model', 'methods', 'parallel', 'tasks'],
  // Pictures of data, models and runs: reads what training produced, never trains.
  plot: ['util', 'data', 'nn', 'model', 'tasks'],
  cli: ['util', 'data', 'nn', 'model', 'methods', 'parallel', 'train', 'plot', 'tasks'],
  '.': ['util', 'data', 'nn', 'model', 'methods', 'parallel', 'train', 'tasks'], // src/index.ts, the library's face
  workers: ['parallel'],
};

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module -> the project modules it imports, statically or with import(). */
function importGraph(files: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]);
    graph.set(
      file,
      specs.map((s) => normalize(join(dirname(file), s))),
    );
  }
  return graph;
}

/** Every import cycle, as the modules along it. */
export function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (m: string) => {
    state.set(m, 'open');
    path.push(m);
    for (const next of graph.get(m) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(m, 'done');
  };
  for (const m of graph.keys()) if (!state.has(m)) visit(m);
  return found;
}

function layerOf(file: string): string {
  const rel = relative('.', file).split('/');
  if (rel[0] === 'workers') return 'workers';
  return rel.length === 2 ? '.' : rel[1];
}

/** Imports that point against the layers, as "from -> to". */
export function wrongWay(graph: Graph): string[] {
  const bad: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const a = layerOf(from);
      const b = layerOf(to);
      if (a !== b && !MAY_IMPORT[a]?.includes(b)) bad.push(`${from} -> ${to}`);
    }
  }
  return bad;
}

const graph = importGraph([...sourceFiles('src'), ...sourceFiles('workers')]);

describe('the layout', () => {
  it('puts every source file in a known layer', () => {
    const unknown = [...graph.keys()].filter((f) => !(layerOf(f) in MAY_IMPORT));
    expect(unknown).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('imports only downwards: cli -> train -> parallel -> methods -> nn', () => {
    expect(wrongWay(graph)).toEqual([]);
  });

  it('finds a cycle and a wrong-way import when there is one', () => {
    const bad: Graph = new Map([
      ['src/nn/a.ts', ['src/train/b.ts']],
      ['src/train/b.ts', ['src/nn/a.ts']],
    ]);
    expect(cycles(bad)).toEqual([['src/nn/a.ts', 'src/train/b.ts', 'src/nn/a.ts']]);
    expect(wrongWay(bad)).toEqual(['src/nn/a.ts -> src/train/b.ts']);
  });

  it('keeps piscina out of the main thread until a pool is wanted', () => {
    const eager = [...graph.keys()].filter(
      (f) =>
        !f.endsWith('pool-runner.ts') && /from 'piscina'/.test(readFileSync(f, 'utf8')) && !f.startsWith('workers'),
    );
    expect(eager).toEqual([]);
  });
});
