import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { version } from '../../../package.json';
import { runCli } from './cli';
import { workerMain, type WorkerInput } from './run';

// The CLI, bundled to dist/cli-main.js and loaded by dist/cli.js (see
// launcher.ts). The same bundle serves the lint workers: a worker thread
// started with the worker role lints files, anything else runs the CLI.
const input = workerData as WorkerInput | undefined;
if (!isMainThread && input?.role === 'stylebook-lint-worker' && parentPort) {
  workerMain(input, parentPort);
} else {
  // A reader that goes away early (`stylebook search x | head -1`) is not an
  // error of ours: stop quietly instead of printing an EPIPE stack trace.
  // Any other failure to write the report (a full disk, /dev/full) loses
  // output, so it is one line on stderr and exit code 2, never a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    try {
      process.stderr.write(`stylebook: cannot write to stdout: ${e.code ?? e.message}${e.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
    } catch {
      // stderr is gone too; the exit code still tells.
    }
    process.exit(2);
  });
  // Nothing is left to tell a failure on stderr to, so the exit code alone does.
  process.stderr.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 2));
  // Writes to a pipe are asynchronous: set the exit code and let Node drain
  // stdout before exiting, instead of calling process.exit().
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    version,
    // Workers start from the executable (dist/cli.js), so they load this bundle through the code cache too.
    workerScript: path.join(__dirname, 'cli.js'),
  }).then(
    (code) => { process.exitCode = code; },
    (e: Error) => {
      process.stderr.write(`stylebook: internal error: ${e.stack ?? e.message}\n`);
      process.exitCode = 2;
    },
  );
}
