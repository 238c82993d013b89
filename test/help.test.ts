// --help's examples on a narrow terminal: broken between words, never inside one.
import { describe, expect, it } from 'vitest';
import { examples, flagsWithValues, wrapWords } from '../src/cli/help.ts';

const text = 'train --data spiral --hidden 32,32 --max-seconds 60 --threads auto';

describe('wrapWords', () => {
  it('keeps every line within the width, indented as asked', () => {
    const lines = wrapWords(text, 24, '  ', '    ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(24);
    expect(lines[0].startsWith('  train')).toBe(true);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
  });

  it('breaks only between words: the words read back are the words given', () => {
    const lines = wrapWords(text, 24, '  ', '    ');
    expect(lines.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(' '));
  });

  it('keeps a word longer than the width whole, on a line of its own', () => {
    expect(wrapWords('a bench-results/speedup-2026-11-28.json b', 12, '', '')).toEqual([
      'a',
      'bench-results/speedup-2026-11-28.json',
      'b',
    ]);
  });
});

describe('flagsWithValues', () => {
  it('keeps each flag with its value, and a flag with none alone', () => {
    expect(flagsWithValues('plot --curves a.json --log --svg loss.svg')).toEqual([
      'plot',
      '--curves a.json',
      '--log',
      '--svg loss.svg',
    ]);
  });
});

describe('examples', () => {
  it('never cuts a flag from its value on a narrow terminal', () => {
    const text = examples([['plot --model model.json --points 120 --csv out.csv', 'points']], 30);
    expect(text.split('\n').slice(1, -1)).toEqual(['  plot --model model.json', '    --points 120 --csv out.csv']);
  });

  it('puts each command on its own lines and what it does below it, indented further', () => {
    expect(examples([['plot --svg map.svg', 'the decision map']], 80)).toBe(
      'Examples:\n  plot --svg map.svg\n      the decision map',
    );
  });
});
