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
    ...wrapWords(command, width, '  ', '    '),
    ...wrapWords(what, width, '      ', '      '),
  ]);
  return ['Examples:', ...lines].join('\n');
}

/** `text` in lines of at most `width` characters, broken between words (a longer word stays whole). */
export function wrapWords(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
