// A mistake in a command line: printed as one line, exit code 2.

export class UsageError extends Error {}
