// The sources read on a screen: no two files in src/ share a name (an import
// or a stack trace names a file by it), and no function in src/ is longer than
// MAX_LINES, so that each can be read whole. Functions are found by the
// TypeScript parser, from the first line of their declaration to the last of
// their body.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 80;

/** Functions allowed past MAX_LINES, as `file:name`, each with why (none today). */
const LONG_ALLOWED = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** File names that more than one file in `files` has, with those files. */
export function sharedNames(files: string[]): string[] {
  const byName = new Map<string, string[]>();
  for (const f of files) byName.set(basename(f), [...(byName.get(basename(f)) ?? []), f]);
  return [...byName].filter(([, fs]) => fs.length > 1).map(([name, fs]) => `${name}: ${fs.join(', ')}`);
}

/** Every function in the source with a body longer than `max` lines, as `file:name (lines)`. */
export function longFunctions(file: string, text: string, max: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(sf) ?? '(anonymous)';
      if (last - first + 1 > max) found.push(`${file}:${name} (${last - first + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const files = sourceFiles('src');

describe('the sources', () => {
  it('name no two files alike', () => {
    expect(sharedNames(files)).toEqual([]);
  });

  it(`keep every function under ${MAX_LINES} lines, but the allowed ones`, () => {
    const long = files.flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'), MAX_LINES));
    expect(long.filter((l) => !LONG_ALLOWED.has(l.replace(/ \(\d+\)$/, '')))).toEqual([]);
  });

  it('find a shared name and a long function where there is one', () => {
    expect(sharedNames(['src/a/x.ts', 'src/b/x.ts', 'src/b/y.ts'])).toEqual(['x.ts: src/a/x.ts, src/b/x.ts']);
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const fits = `function fits() {\n${lines(MAX_LINES - 2)}\n}`;
    const over = `class C {\n  over() {\n${lines(MAX_LINES - 1)}\n  }\n}`;
    const arrow = `const f = () => {\n${lines(MAX_LINES - 1)}\n};`;
    expect(longFunctions('f.ts', fits, MAX_LINES)).toEqual([]);
    expect(longFunctions('f.ts', over, MAX_LINES)).toEqual([`f.ts:over (${MAX_LINES + 1})`]);
    expect(longFunctions('f.ts', arrow, MAX_LINES)).toEqual([`f.ts:(anonymous) (${MAX_LINES + 1})`]);
  });
});
