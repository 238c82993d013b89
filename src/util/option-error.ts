// A bad option value, from whichever layer finds it: names the option (as the
// library calls it; the CLI renames it to its flag), the value as given and
// what was wrong, e.g. `lr -1: expected a number > 0`.

export class OptionError extends Error {
  readonly option: string;
  readonly value: unknown;
  readonly problem: string;

  constructor(option: string, value: unknown, problem: string) {
    super(`${option} ${show(value)}: ${problem}`);
    this.option = option;
    this.value = value;
    this.problem = problem;
  }
}

/** A value as the user wrote it: numbers bare, strings quoted. */
export function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
