// compare: to be written (issue 9).
console.error('compare: not written yet');
process.exitCode = 1;
