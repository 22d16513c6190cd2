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
    } catch {
      throw new InputError(
        `${input} "${path}" is outside the workspace; give a path inside it, such as "catalog-info.yaml"`,
      );
    }
  }

  async read(path: string, input: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.resolve(path, input), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // A directory, a permission problem: the template's input, not a server fault.
      throw new InputError(
        `${input} "${path}" could not be read (${
          code === 'EISDIR' ? 'it is a directory' : code ?? String(error)
        })`,
      );
    }
  }

  async write(path: string, input: string, text: string): Promise<string> {
    const target = this.resolve(path, input);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, text, 'utf8');
    return relative(this.root, target);
  }

  async exists(path: string, input: string): Promise<boolean> {
    return (await this.read(path, input)) !== undefined;
  }
}

/** Runs an edit of a user's file; its error (bad YAML, a nav that is not a list) is the template's input problem. */
export function inputError<T>(edit: () => T): T {
  try {
    return edit();
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}
