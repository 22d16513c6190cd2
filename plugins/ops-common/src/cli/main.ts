import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runCli } from './runCli';

/** The `opskit` command: the one place in ops-common that touches the file system. */
export function run(argv: string[] = process.argv.slice(2)): void {
  process.exitCode = runCli(argv, {
    readFile: path => readFileSync(path, 'utf8'),
    resolve: (fromFile, relative) => resolve(dirname(fromFile), relative),
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    now: () => Date.now(),
  });
}
