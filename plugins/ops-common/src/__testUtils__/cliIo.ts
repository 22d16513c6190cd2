import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../cli/runCli';
import { EXAMPLES, NOW } from './examples';

/** The CLI's io over the examples folder at NOW, collecting what it prints. */
export function exampleIo(extra: Partial<CliIo> = {}) {
  const printed = { stdout: '', stderr: '' };
  const io: CliIo = {
    readFile: path => readFileSync(resolve(EXAMPLES, path), 'utf8'),
    resolve: (from, rel) => resolve(dirname(resolve(EXAMPLES, from)), rel),
    stdout: t => {
      printed.stdout += t;
    },
    stderr: t => {
      printed.stderr += t;
    },
    now: () => NOW,
    ...extra,
  };
  return { io, printed };
}
