// Loaded with `node --import` by speedup-tasks.ts: the process's own CPU time
// (every thread's, user and system) as its last line on stderr, so that a
// whole-process benchmark sees what the run cost, not only how long it took.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
