import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runCli } from './runCli';

/**
 * A writer for stdout or stderr that goes quiet once the reader has gone
 * (`opskit score … | head`): the EPIPE is expected, not a crash, and later
 * output is dropped instead of written to a closed pipe.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    throw error;
  });
  return text => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
}

/**
 * The `opskit` command: the one place in ops-common that touches the file system.
 *
 * @public
 */
export function run(argv: string[] = process.argv.slice(2)): void {
  const stderr = writerTo(process.stderr);
  Promise.resolve(
    runCli(argv, {
      readFile: path => readFileSync(path, 'utf8'),
      resolve: (fromFile, relative) => resolve(dirname(fromFile), relative),
      stdout: writerTo(process.stdout),
      stderr,
      now: () => Date.now(),
      env: name => process.env[name],
    }),
  ).then(
    code => {
      process.exitCode = code;
    },
    (error: Error) => {
      stderr(`opskit: ${error.message}\n`);
      process.exitCode = 2;
    },
  );
}
