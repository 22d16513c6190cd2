/*
 * Starts a Backstage backend as a child process, for tests and benchmarks
 * that talk to it over HTTP: the example backend (this package, through
 * `backstage-cli package start`, as exampleBackend.test.ts and the e2e run
 * use it) or another backend entry file (the evaluation benchmark's).
 * Importing this module starts nothing.
 *
 * The backend gets a temporary app-config with its baseUrl and listen port
 * (a free port unless one is given) and the caller's extra config; it runs
 * in its own process group, so stop() ends it with whatever it spawned
 * (backstage-cli starts the backend as its child).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
// eslint-disable-next-line no-restricted-syntax -- run from source only, never bundled
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** The static token app-config.yaml gives scripts and CI (`backend.auth.externalAccess`). */
export const STATIC_TOKEN = 'opskit-example-static-token';

const BACKSTAGE_CLI = join(
  REPO_ROOT,
  'node_modules/@backstage/cli/bin/backstage-cli',
);
const NODE_TRANSFORM = join(
  REPO_ROOT,
  'node_modules/@backstage/cli/config/nodeTransform.cjs',
);
/** Output kept for error messages and output(): the tail beyond this is dropped. */
const MAX_OUTPUT = 8 * 1024 * 1024;

/**
 * What to run: the example backend (`packages/backend`, started with
 * `backstage-cli package start`), or a backend entry file run by node with
 * Backstage's TypeScript transform (`-r @backstage/cli/config/nodeTransform.cjs`).
 */
export type BackendEntry =
  | 'example'
  | {
      /** The entry file, e.g. a module that calls `createBackend()` and `start()`. */
      file: string;
      /** Working directory; default the entry file's directory. */
      cwd?: string;
      /** Node options before the transform, e.g. `--max-old-space-size=4096`. */
      nodeArgs?: string[];
    };

export interface BackendProcessOptions {
  /** Default 'example'. */
  entry?: BackendEntry;
  /** Listen port; default a free one. */
  port?: number;
  /** Host in baseUrl; default localhost. */
  host?: string;
  /**
   * Extra config as YAML lines, read after everything else (so it wins; maps
   * merge with the generated `backend.baseUrl` and `backend.listen`). A
   * function gets the backend's base URL.
   */
  config?: string[] | ((baseUrl: string) => string[]);
  /**
   * Config files read first. Default: the repository's app-config.yaml for
   * the example backend, none for an entry file.
   */
  configFiles?: string[];
  /** Added to this process's environment. Default NODE_ENV: development. */
  env?: Record<string, string | undefined>;
  /** Whether the backend is up; default `GET /api/ops/health` answers ok. */
  ready?: (backend: BackendProcess) => Promise<boolean>;
  /** How long to wait for `ready`; default 180 s. */
  readyTimeoutMs?: number;
  /** Called with each line the process writes (stdout and stderr). */
  onLine?: (line: string) => void;
  /**
   * A start that has written nothing at all after this long is stopped and
   * tried once more; default 60 s (the example backend's first line comes
   * after ~4 s here). Such a start has not even loaded its config, so what
   * hangs is the machine, not the backend under test.
   */
  silenceTimeoutMs?: number;
}

/** Raised when a start wrote nothing within `silenceTimeoutMs`. */
class SilentStartError extends Error {}

export interface BackendProcess {
  baseUrl: string;
  port: number;
  /** The spawned process (the backend itself for an entry file, backstage-cli for the example). */
  pid: number;
  /** Calls the backend with the static token (unless `init` sets Authorization). */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** What the process has written so far (stdout and stderr). */
  output(): string;
  /** The exit code or signal once the process has ended. */
  exited(): string | undefined;
  /**
   * Polls `probe` every 500 ms until it returns something other than
   * undefined, null or false, and returns that; fails with the end of the
   * output when the process exits or `timeoutMs` passes (a probe that throws
   * counts as not yet).
   */
  waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined | null | false>,
    timeoutMs: number,
  ): Promise<T>;
  /** SIGTERM to the process group, SIGKILL after 10 s; removes the temporary config. */
  stop(): Promise<void>;
}

/** A port nothing listens on now: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Calls a backend at `baseUrl` with the static token (unless `init` sets Authorization). */
export function backendApi(
  baseUrl: string,
  token: string = STATIC_TOKEN,
): (path: string, init?: RequestInit) => Promise<Response> {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('Authorization'))
      headers.set('Authorization', `Bearer ${token}`);
    return fetch(`${baseUrl}${path}`, { ...init, headers });
  };
}

/**
 * One line per process in the group: pid, command, state (R running, S
 * sleeping, D waiting on I/O, T stopped, Z zombie) and CPU seconds, so a
 * timeout says what the backend was doing. Linux only; empty elsewhere.
 */
function processGroupStates(pgid: number): string {
  const lines: string[] = [];
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // "pid (comm) state ppid pgrp ... utime stime": comm may hold spaces.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
      lines.push(`${pid} ${comm} ${fields[0]} ${cpu.toFixed(1)} s CPU`);
    }
  } catch {
    return '';
  }
  return lines.length ? `process group: ${lines.join('; ')}` : '';
}

export async function startBackendProcess(
  options: BackendProcessOptions = {},
): Promise<BackendProcess> {
  try {
    return await startOnce(options);
  } catch (error) {
    if (!(error instanceof SilentStartError)) throw error;
    process.stderr.write(`${error.message}; starting it once more\n`);
    return await startOnce(options);
  }
}

async function startOnce(
  options: BackendProcessOptions,
): Promise<BackendProcess> {
  const entry = options.entry ?? 'example';
  const port = options.port ?? (await freePort());
  const baseUrl = `http://${options.host ?? 'localhost'}:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'opskit-backend-'));
  const listenConfig = join(dir, 'app-config.listen.yaml');
  writeFileSync(
    listenConfig,
    [
      'backend:',
      `  baseUrl: ${baseUrl}`,
      `  listen: { port: ${port} }`,
      '',
    ].join('\n'),
  );
  const extraConfig = join(dir, 'app-config.extra.yaml');
  const extra =
    typeof options.config === 'function'
      ? options.config(baseUrl)
      : options.config ?? [];
  writeFileSync(extraConfig, [...extra, ''].join('\n'));
  const configFiles = [
    ...(options.configFiles ??
      (entry === 'example' ? [join(REPO_ROOT, 'app-config.yaml')] : [])),
    listenConfig,
    extraConfig,
  ];
  const configArgs = configFiles.flatMap(file => ['--config', file]);

  const [args, cwd] =
    entry === 'example'
      ? [
          [BACKSTAGE_CLI, 'package', 'start', ...configArgs],
          join(REPO_ROOT, 'packages/backend'),
        ]
      : [
          [
            ...(entry.nodeArgs ?? []),
            '-r',
            NODE_TRANSFORM,
            entry.file,
            ...configArgs,
          ],
          entry.cwd ?? resolve(entry.file, '..'),
        ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: 'development', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `code ${code}`;
  });
  child.on('error', error => {
    exit ??= `spawn error: ${error.message}`;
  });
  const capture = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT / 2);
      if (!options.onLine) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) options.onLine(line);
    });
  };
  capture(child.stdout!);
  capture(child.stderr!);

  const exited = new Promise<void>(r => child.once('exit', () => r()));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (exit === undefined && child.pid) {
        const signal = (name: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, name);
            return true;
          } catch {
            return false; // the group is gone
          }
        };
        if (signal('SIGTERM')) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            exited,
            new Promise(r => {
              timer = setTimeout(r, 10_000);
            }),
          ]);
          clearTimeout(timer);
          // Whatever is left of the group (backstage-cli's backend child, say).
          signal('SIGKILL');
        }
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | undefined | null | false>,
    timeoutMs: number,
  ): Promise<T> => {
    const until = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false)
          return value;
      } catch (error) {
        if (error instanceof SilentStartError) throw error;
        last = error;
      }
      if (exit !== undefined)
        throw new Error(
          `backend exited (${exit}) while waiting for ${what}:\n${output.slice(
            -4000,
          )}`,
        );
      if (Date.now() >= until)
        throw new Error(
          `timed out after ${Math.round(
            timeoutMs / 1000,
          )} s waiting for ${what} (${String(
            last ?? 'not ready',
          )}); ${processGroupStates(child.pid ?? -1)}\n${output.slice(-4000)}`,
        );
      await new Promise(r => setTimeout(r, 500));
    }
  };

  const backend: BackendProcess = {
    baseUrl,
    port,
    pid: child.pid ?? -1,
    api: backendApi(baseUrl),
    output: () => output,
    exited: () => exit,
    waitFor,
    stop,
  };
  const ready =
    options.ready ??
    (async () => (await fetch(`${baseUrl}/api/ops/health`)).ok);
  const started = Date.now();
  const silence = options.silenceTimeoutMs ?? 60_000;
  try {
    await waitFor(
      'the backend',
      async () => {
        if (!output && Date.now() - started > silence)
          throw new SilentStartError(
            `the backend wrote nothing in ${Math.round(
              silence / 1000,
            )} s; ${processGroupStates(child.pid ?? -1)}`,
          );
        return ready(backend);
      },
      options.readyTimeoutMs ?? 180_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return backend;
}
