// Prints one plain closing line, "tests: N passed, N failed", that CI reads whatever the runner.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    // After jest's own summary, so it is the last line of the run.
    process.once('exit', () => process.stdout.write(`${line}${skipped ? `, ${skipped} skipped` : ''}\n`));
  }
}
module.exports = SummaryReporter;
