// Prints one plain closing line ("jest: N passed, N failed, N skipped") as the very last line of the
// run, after Jest's own summary, so CI and people can read the outcome from the end of `npm test`.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // Jest's summary reporter runs after custom reporters; print once the process is done.
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = SummaryReporter;
