// plot: to be written (issue 9).
console.error('plot: not written yet');
process.exitCode = 1;
