// yargs' "Unknown argument: speed" said like train's other errors: the word
// as typed and what was expected, with the flag that was probably meant
// (--max-iter: --max-iters) where one is a few letters away. Every command
// says the same of its own flags.

/** The one line for an unknown flag or a stray word, or undefined when `msg` is about something else. */
export function unknownLine(
  msg: string,
  argv: readonly string[],
  flags: readonly string[],
  command = 'train',
): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(msg.trim());
  if (!m) return undefined;
  const name = m[1].split(', ')[0];
  const typed = argv.find((w) => w.replace(/^-+/, '').split('=')[0] === name);
  if (typed === undefined || !typed.startsWith('-'))
    return `${JSON.stringify(typed ?? name)}: expected a flag; a value goes right after its flag`;
  const word = typed.split('=')[0];
  const near = nearest(word.replace(/^-+/, ''), flags);
  return `${word}: expected a flag of ${command}${near ? `, such as --${near}` : ''} (see --help)`;
}

/** The closest flag within a few edits of `word` (one per three letters, at least one); none if none. */
function nearest(word: string, flags: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const f of flags) {
    const d = distance(word, f);
    if (d < bestD) [best, bestD] = [f, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
