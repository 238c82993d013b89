// predict: to be written (issue 9).
console.error('predict: not written yet');
process.exitCode = 1;
