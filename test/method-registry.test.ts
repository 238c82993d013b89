// A method is one entry (src/train/method-registry.ts), and what an iteration
// evaluates one entry per kind (src/methods/jobs.ts): this reads every file in
// src/ and fails where a method's or a kind's name is compared outside the
// registries and the methods' own files (*-rule.ts, *-job.ts). It also checks
// that each entry names only real settings, and that its options are the
// flags the command line accepts with that method.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkApplies } from '../src/cli/applies.ts';
import { TRAIN_FLAGS } from '../src/cli/train-flags.ts';
import { JOB_KINDS } from '../src/methods/jobs.ts';
import { METHODS, methodMeta, methodOf, methodOptions, stepFlag } from '../src/train/method-registry.ts';
import { DEFAULTS, resolveOptions } from '../src/train/options.ts';

/** Where a name may be compared: the two registries and each method's or kind's own files. */
const OWN = [/^src\/train\/method-registry\.ts$/, /^src\/methods\/jobs\.ts$/, /-rule\.ts$/, /-job\.ts$/];

const NAMES = [...new Set([...METHODS, ...JOB_KINDS])].join('|');
const COMPARISONS = [
  new RegExp(`(===|!==|==|!=)\\s*'(${NAMES})'`),
  new RegExp(`'(${NAMES})'\\s*(===|!==|==|!=)`),
  new RegExp(`case\\s+'(${NAMES})'\\s*:`),
  new RegExp(`\\[\\s*'(${NAMES})'[^\\]]*\\]\\s*\\.includes\\(`),
];

/** The lines of `text` that compare a method's or a kind's name. */
function comparisons(text: string): string[] {
  return text.split('\n').filter((line) => COMPARISONS.some((re) => re.test(line)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const SETTINGS = Object.keys(DEFAULTS);

describe('the method registry', () => {
  it('is the only place outside the methods’ own files that compares a method’s or a kind’s name', () => {
    const found = sourceFiles('src')
      .filter((file) => !OWN.some((re) => re.test(file)))
      .flatMap((file) => comparisons(readFileSync(file, 'utf8')).map((line) => `${file}: ${line.trim()}`));
    expect(found).toEqual([]);
  });

  it('catches the comparisons it looks for, and not a name merely given', () => {
    for (const line of [
      "if (o.method === 'es') return;",
      "const kind = spec.kind !== 'central' ? 1 : 2;",
      "  case 'spsa':",
      "return 'random' == method;",
      "if (['random', 'spsa'].includes(o.method)) x();",
    ])
      expect(comparisons(line), line).toHaveLength(1);
    for (const line of [
      "const o = { method: 'gradient' };",
      "stream(seed, 'es')",
      'rows.filter((x) => x.method === m)',
    ])
      expect(comparisons(line), line).toEqual([]);
  });

  it('names only real settings: its options, meta and step', () => {
    for (const method of METHODS) {
      const entry = methodOf(method);
      for (const key of methodOptions(method)) expect([...SETTINGS, 'gradCheck'], `${method}: ${key}`).toContain(key);
      for (const key of [...entry.meta, entry.step]) expect(SETTINGS, `${method}: ${key}`).toContain(key);
      for (const diff of ['forward', 'central'] as const) expect(JOB_KINDS).toContain(entry.job({ diff }));
    }
  });

  it('takes with each method exactly the flags the command line accepts with it', () => {
    const flags = [...new Set(METHODS.flatMap((m) => methodOptions(m)))];
    for (const method of METHODS)
      for (const key of flags) {
        const typed = (flag: string) => flag === kebab(key);
        const run = () => checkApplies({ method }, TRAIN_FLAGS, typed);
        if (methodOptions(method).includes(key)) expect(run, `${method} --${kebab(key)}`).not.toThrow();
        else expect(run, `${method} --${kebab(key)}`).toThrow(`--${kebab(key)}: applies to`);
      }
  });

  it("records each method's own settings in the model's meta, and names the flag of its step", () => {
    const o = { ...resolveOptions({}), lr: 2, candidates: 4, sigma: 0.1, optimizer: 'adam' as const };
    const step = { optimizer: 'adam', weightDecay: 0 };
    expect(methodMeta({ ...o, method: 'gradient' })).toEqual({ lr: 2, h: 1e-5, diff: 'forward', ...step });
    expect(methodMeta({ ...o, method: 'backprop' })).toEqual({ lr: 2, h: 1e-5, diff: 'forward', ...step });
    expect(methodMeta({ ...o, method: 'random' })).toEqual({ delta: 0.001, candidates: 4, elitist: false });
    expect(methodMeta({ ...o, method: 'spsa' })).toEqual({ lr: 2, delta: 0.001, ...step });
    expect(Object.keys(methodMeta({ ...o, method: 'es' }))).toEqual(['lr', 'sigma', 'candidates', 'rank', 'optimizer']);
    expect(stepFlag({ ...o, method: 'random' })).toBe('--delta (it was 0.001)');
    expect(stepFlag({ ...o, method: 'es' })).toBe('--lr (it was 2)');
  });
});
