import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { dirname, relative } from 'node:path';

/**
 * Files of the scaffolder workspace. Every path goes through
 * resolveSafeChildPath: a template input like `../../etc/passwd` is refused
 * with a message naming the input, never followed.
 */
export class Workspace {
  constructor(readonly root: string) {}

  resolve(path: string, input: string): string {
    try {
      return resolveSafeChildPath(this.root, path);
    } catch (error) {
      // It follows symlinks with realpath: a file where a directory should be fails there.
      if ((error as NodeJS.ErrnoException).code)
        throw fileError(error, `${input} "${path}" could not be resolved`);
      throw new InputError(
        `${input} "${path}" is outside the workspace; give a path inside it, such as "catalog-info.yaml"`,
      );
    }
  }

  async read(path: string, input: string): Promise<string | undefined> {
    const target = this.resolve(path, input);
    try {
      return await fs.readFile(target, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileError(error, `${input} "${path}" could not be read`);
    }
  }

  async write(path: string, input: string, text: string): Promise<string> {
    const target = this.resolve(path, input);
    try {
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.writeFile(target, text, 'utf8');
    } catch (error) {
      throw fileError(error, `${input} "${path}" could not be written`);
    }
    return relative(this.root, target);
  }

  async exists(path: string, input: string): Promise<boolean> {
    return (await this.read(path, input)) !== undefined;
  }
}

const REASONS: Record<string, string> = {
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of it is a file, not a directory',
  EEXIST: 'a part of it is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A directory, a permission problem: the template's input, not a server fault. */
function fileError(error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    (code && Object.prototype.hasOwnProperty.call(REASONS, code)
      ? REASONS[code]
      : code) ?? String(error);
  return new InputError(`${what} (${reason})`);
}

/** Runs an edit of a user's file; its error (bad YAML, a nav that is not a list) is the template's input problem. */
export function inputError<T>(edit: () => T): T {
  try {
    return edit();
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}
