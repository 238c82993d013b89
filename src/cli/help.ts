// The examples under --help, laid out here rather than by yargs: its two
// columns cut long commands mid-word on a terminal 80 columns wide
// ("--max-seconds" as "--max" and "-seconds"). Each example is a command,
// then what it does, indented below it, both broken between words.

/** The width --help is laid out for: the terminal's, at most 110 (100 when not a terminal). */
export function helpWidth(): number {
  return Math.min(110, process.stdout.columns || 100);
}

/** The Examples section: each command, then what it does, indented below it. */
export function examples(list: readonly (readonly [string, string])[], width = helpWidth()): string {
  const lines = list.flatMap(([command, what]) => [
    ...wrapUnits(flagsWithValues(command), width, '  ', '    '),
    ...wrapWords(what, width, '      ', '      '),
  ]);
  return ['Examples:', ...lines].join('\n');
}

/** `text` in lines of at most `width` characters, broken between words (a longer word stays whole). */
export function wrapWords(text: string, width: number, first: string, rest: string): string[] {
  return wrapUnits(text.split(/\s+/).filter(Boolean), width, first, rest);
}

/** A command's words, each flag with its value as one unit: `--csv out.csv` is never cut in two. */
export function flagsWithValues(command: string): string[] {
  const units: string[] = [];
  for (const word of command.split(/\s+/).filter(Boolean)) {
    const last = units.length - 1;
    if (last >= 0 && /^--?[^\s]+$/.test(units[last]) && !word.startsWith('-')) units[last] += ` ${word}`;
    else units.push(word);
  }
  return units;
}

/** Units in lines of at most `width` characters, broken between them (a longer unit stays whole). */
function wrapUnits(units: readonly string[], width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const unit of units) {
    if (!empty && line.length + 1 + unit.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? unit : ` ${unit}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
