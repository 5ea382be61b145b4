import { runProjectionsCli } from './projections.cli';

const controller = new AbortController();
// First Ctrl-C: stop after the batch being committed (the rebuild can be continued); a second one kills.
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

runProjectionsCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
