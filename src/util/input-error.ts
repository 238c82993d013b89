// A user's file that cannot be used as what it was given for: a data set with
// a bad row, a model file of the wrong shape. The message names the file and
// the place; the CLI prints it as one line with the exit code of a usage
// error (2), not of a failure (1).

export class InputError extends Error {}

/** Runs `read`, turning any plain error it throws into an InputError (option errors pass as they are). */
export function asInput<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof Error && err.constructor === Error) throw new InputError(err.message);
    throw err;
  }
}
