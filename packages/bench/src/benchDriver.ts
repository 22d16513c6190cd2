/*
 * What the backend benchmarks share: a backend process started with the
 * plugin (backend/src/testing/backendProcess), its database (a SQLite file or
 * a PostgreSQL database of its own, dropped after), its memory and CPU from
 * /proc, and a Driver that starts the plugin's scheduled tasks through the
 * scheduler's HTTP API and waits for them (evaluation.bench.ts,
 * facts.bench.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import type { BackendProcess } from 'backend/src/testing/backendProcess';

export const NODE_ARGS = [
  '--max-old-space-size=4096',
  '-r',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];
/** BENCH_CPU_PROFILE=<dir>: the backend process writes a V8 CPU profile there when it stops. */
export function cpuProfileEnv(): Record<string, string> {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } : {};
}

export const PG =
  process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
export const EVALUATION_TASK = 'ops-catalog-evaluation';
export const FACTS_TASK = 'ops-facts';
/** Never by itself: every run in a measurement is one the benchmark started. */
export const MANUAL_SCHEDULE =
  '{ frequency: { trigger: manual }, timeout: { minutes: 30 } }';
export const RUN_TIMEOUT_MS = 30 * 60_000;
const FACTS_LINE =
  /ops facts: (\d+) collected, (\d+) failed, (\d+) changed \((\d+) entities written\) over (\d+) entities in (\d+) ms/;

/** A collection's result, from the plugin's `ops facts: …` log line. */
export function parseFactsLine(line: string): Collection | undefined {
  const match = FACTS_LINE.exec(line);
  return match
    ? {
        collected: Number(match[1]),
        failed: Number(match[2]),
        changed: Number(match[3]),
        seconds: Number(match[6]) / 1000,
      }
    : undefined;
}

export function startChild(
  args: string[],
): Promise<{ port: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', chunk => {
      const match = String(chunk).match(/listening (\d+)/);
      if (match) resolve({ port: Number(match[1]), stop: () => child.kill() });
    });
    child.on('exit', code => reject(new Error(`child exited ${code}`)));
  });
}

/** The backend's database config, and how to remove what it created. */
export function database(
  kind: string,
  label: string,
): { config: string[]; drop: () => Promise<void>; connect: () => Knex } {
  if (kind === 'sqlite') {
    // One file per plugin in this directory: <dir>/ops.sqlite.
    const dir = mkdtempSync(join(tmpdir(), 'opskit-bench-'));
    return {
      config: [
        '  database:',
        '    client: better-sqlite3',
        `    connection: { directory: ${JSON.stringify(dir)} }`,
      ],
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      connect: () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: join(dir, 'ops.sqlite') },
          useNullAsDefault: true,
        }),
    };
  }
  if (kind !== 'postgres') throw new Error(`unknown database ${kind}`);
  // The backend creates <prefix><pluginId> (here <prefix>ops) itself.
  const prefix = `opskit_bench_${label}_${Date.now()}_`;
  return {
    config: [
      '  database:',
      '    client: pg',
      `    connection: ${JSON.stringify(PG)}`,
      `    prefix: ${prefix}`,
    ],
    connect: () =>
      knexFactory({ client: 'pg', connection: `${PG}/${prefix}ops` }),
    drop: async () => {
      const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
      try {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows as { datname: string }[])
          await admin.raw('drop database if exists ??', [datname]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** The backend process's memory in MB: peak (VmHWM) and current (VmRSS). */
export function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return {
    peakMb: Math.round(kb('VmHWM') / 1024),
    rssMb: Math.round(kb('VmRSS') / 1024),
  };
}

/** CPU time the process has used, all threads, in clock ticks. */
export function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy and total clock ticks of the whole machine (/proc/stat), idle and iowait counted idle. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const ticks = cpu.split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

/**
 * Waits until the whole machine has been under 10 % busy for two seconds in
 * a row, at most a minute: PostgreSQL's autovacuum after a run's writes, or
 * a previous load phase's processes, would otherwise share the cores with
 * the next measurement.
 */
export async function settleMachine(): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  let last = machineTicks();
  while (quiet < 2 && Date.now() - started < 60_000) {
    await new Promise(r => setTimeout(r, 1000));
    const now = machineTicks();
    const share = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    quiet = share < 0.1 ? quiet + 1 : 0;
    last = now;
  }
}

/** Waits until the process has been idle (under 2 % of a core) for two seconds in a row, at most a minute. */
export async function settle(pid: number): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuTicks(pid);
  while (quiet < 2 && Date.now() - started < 60_000) {
    await new Promise(r => setTimeout(r, 1000));
    const now = cpuTicks(pid);
    // Clock ticks are 1/100 s on Linux: 2 ticks a second is 2 %.
    quiet = now - last <= 2 ? quiet + 1 : 0;
    last = now;
  }
}

export interface EvaluationRun {
  id: number;
  status: string;
  startedAt: string;
  finishedAt?: string;
  entityCount: number;
}

export interface Collection {
  collected: number;
  failed: number;
  changed: number;
  seconds: number;
}

/** Drives one backend through the plugin's and the scheduler's HTTP APIs. */
export class Driver {
  constructor(
    private readonly backend: BackendProcess,
    private readonly collections: Collection[],
  ) {}

  private async json(path: string, init?: RequestInit) {
    const res = await this.backend.api(path, init);
    if (!res.ok)
      throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status}`);
    return res.json();
  }

  async lastRun(): Promise<EvaluationRun | undefined> {
    return (
      (await this.json('/api/ops/compliance/summary')).lastRun ?? undefined
    );
  }

  /** Starts the task now; a 409 (still finishing its previous run) is retried. */
  private async trigger(taskId: string) {
    await this.backend.waitFor(
      `the scheduler to accept ${taskId}`,
      async () =>
        (
          await this.backend.api(
            `/api/ops/.backstage/scheduler/v1/tasks/${taskId}/trigger`,
            { method: 'POST' },
          )
        ).ok,
      60_000,
    );
  }

  /** Until the task has run and nothing is due: a manual task that has been triggered has a start time until it is claimed. */
  private async finished(taskId: string) {
    await this.backend.waitFor(
      `${taskId} to finish`,
      async () => {
        const { tasks } = await this.json(
          '/api/ops/.backstage/scheduler/v1/tasks',
        );
        const state = tasks.find((t: any) => t.taskId === taskId)?.taskState;
        return state?.status === 'idle' && !state.startsAt;
      },
      RUN_TIMEOUT_MS,
    );
  }

  /** The run that followed `before`, once its task is done; fails unless it succeeded. */
  private async runAfter(before: EvaluationRun | undefined) {
    await this.finished(EVALUATION_TASK);
    const run = await this.lastRun();
    if (!run || run.id === before?.id) throw new Error('no evaluation ran');
    if (run.status !== 'succeeded' || !run.finishedAt)
      throw new Error(`evaluation ${run.id} ${run.status}`);
    return {
      run,
      seconds:
        Math.round(
          (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 10,
        ) / 100,
    };
  }

  /** One catalog-wide evaluation, as the schedule would start it. */
  async evaluate() {
    const before = await this.lastRun();
    await this.trigger(EVALUATION_TASK);
    return this.runAfter(before);
  }

  /**
   * One fact collection; when it changed facts the plugin starts an
   * evaluation, returned by `evaluation()`. `peakMb` is read as soon as
   * the collection has logged its result, before that evaluation runs.
   */
  async collect() {
    const seen = this.collections.length;
    const before = await this.lastRun();
    await this.trigger(FACTS_TASK);
    const collection = await this.backend.waitFor(
      'a fact collection',
      async () => this.collections[seen],
      RUN_TIMEOUT_MS,
    );
    const { peakMb } = memory(this.backend.pid);
    await this.finished(FACTS_TASK);
    return {
      ...collection,
      peakMb,
      evaluation: () => this.runAfter(before),
    };
  }
}
