import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Prometheus (Debian's `prometheus` package; `./run test` installs it)
 * on loopback, scraping a tiny exporter whose values the test sets, so the
 * module's queries meet a real PromQL engine with known answers.
 */

/**
 * A metrics endpoint for the test's Prometheus to scrape, serving the values
 * the test sets.
 *
 * @public
 */
export interface Exporter {
  port: number;
  /** Sets a gauge sample, e.g. `set('checkout_latency_ms', { env: 'production' }, 120)`. */
  set(name: string, labels: Record<string, string>, value: number): void;
  /**
   * A histogram whose bucket counters grow on every scrape by `perScrape`
   * (cumulative counts per `le`), so `histogram_quantile(…, rate(…))` has a
   * known answer after two scrapes.
   */
  histogram(
    name: string,
    labels: Record<string, string>,
    perScrape: Record<string, number>,
  ): void;
  /**
   * A counter that grows by `perScrape` on every scrape; called again for
   * the same series, it changes the growth and keeps the count.
   */
  counter(
    name: string,
    labels: Record<string, string>,
    perScrape: number,
  ): void;
  close(): Promise<void>;
}

/**
 * Starts an {@link Exporter} on a free loopback port.
 *
 * @public
 */
export async function startExporter(): Promise<Exporter> {
  const samples = new Map<
    string,
    { name: string; labels: Record<string, string>; value: number }
  >();
  const histograms: {
    name: string;
    labels: Record<string, string>;
    perScrape: Record<string, number>;
    scrapes: number;
  }[] = [];
  const counters = new Map<
    string,
    {
      name: string;
      labels: Record<string, string>;
      value: number;
      perScrape: number;
    }
  >();
  const server: Server = createHttpServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    for (const [key, c] of counters) {
      c.value += c.perScrape;
      samples.set(key, { name: c.name, labels: c.labels, value: c.value });
    }
    for (const h of histograms) {
      h.scrapes++;
      for (const [le, count] of Object.entries(h.perScrape)) {
        samples.set(`${h.name}_bucket${JSON.stringify(h.labels)}${le}`, {
          name: `${h.name}_bucket`,
          labels: { ...h.labels, le },
          value: count * h.scrapes,
        });
      }
      // A histogram's _count is its +Inf bucket.
      if (h.perScrape['+Inf'] !== undefined)
        samples.set(`${h.name}_count${JSON.stringify(h.labels)}`, {
          name: `${h.name}_count`,
          labels: h.labels,
          value: h.perScrape['+Inf'] * h.scrapes,
        });
    }
    const lines = [...samples.values()].map(({ name, labels, value }) => {
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return `${name}{${text}} ${value}`;
    });
    res
      .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
      .end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    set: (name, labels, value) =>
      samples.set(`${name}${JSON.stringify(labels)}`, { name, labels, value }),
    histogram: (name, labels, perScrape) =>
      histograms.push({ name, labels, perScrape, scrapes: 0 }),
    counter: (name, labels, perScrape) => {
      const key = `${name}${JSON.stringify(labels)}`;
      const existing = counters.get(key);
      if (existing) existing.perScrape = perScrape;
      else counters.set(key, { name, labels, value: 0, perScrape });
    },
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A running `prometheus` process scraping an exporter every second.
 *
 * @public
 */
export interface RealPrometheus {
  url: string;
  /** Runs an instant query directly (to wait for a scrape). */
  query(promql: string): Promise<number | undefined>;
  /**
   * Resolves once `promql` returns a value other than 0 (a `rate()` has one
   * once its series have two samples); fails after 20 s.
   */
  until(promql: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Debian's `prometheus` binary (`OPSKIT_PROMETHEUS_BIN`, else on PATH)
 * on a free loopback port, scraping the exporter on `exporterPort` and
 * evaluating `options.rules` every second (or every `options.scrapeInterval`).
 *
 * @public
 */
export async function startPrometheus(
  exporterPort: number,
  options: {
    /** A rule file's YAML (`{ groups }`), loaded with `rule_files`. */
    rules?: string;
    /** How often the exporter is scraped and rules evaluated, e.g. 10s; default 1s. */
    scrapeInterval?: string;
    /** More command-line flags, e.g. a query limit (`--query.max-samples=1000`). */
    flags?: string[];
  } = {},
): Promise<RealPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-prometheus-'));
  const interval = options.scrapeInterval ?? '1s';
  if (options.rules !== undefined)
    writeFileSync(join(dir, 'rules.yml'), options.rules);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: ${interval}\n  evaluation_interval: ${interval}\n${
      options.rules !== undefined
        ? `rule_files: [${JSON.stringify(join(dir, 'rules.yml'))}]\n`
        : ''
    }scrape_configs:\n  - job_name: exporter\n    static_configs:\n      - targets: ['127.0.0.1:${exporterPort}']\n`,
  );
  const port = await freePort();
  const binary = process.env.OPSKIT_PROMETHEUS_BIN ?? 'prometheus';
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...(options.flags ?? []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<Error>(resolve => {
    child.on('error', error =>
      resolve(
        new Error(
          `could not start ${binary}: ${error.message}; install it with scripts/ensure-tool.sh prometheus (./run test does)`,
        ),
      ),
    );
    child.on('exit', code =>
      resolve(new Error(`prometheus exited with ${code}: ${stderr}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  const query = async (promql: string) => {
    const res = await fetch(
      `${url}/api/v1/query?query=${encodeURIComponent(promql)}`,
    );
    const body = (await res.json()) as any;
    const value = body?.data?.result?.[0]?.value?.[1];
    return value === undefined ? undefined : Number(value);
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const until = async (promql: string) => {
    const deadline = Date.now() + 20_000;
    while (!((await query(promql)) ?? 0)) {
      if (Date.now() > deadline)
        throw new Error(`${promql} had no value other than 0 within 20 s`);
      await new Promise(r => setTimeout(r, 100));
    }
  };
  // Ready once the exporter has been scraped.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const outcome = await Promise.race([
      exited,
      query(`up{job="exporter"}`).catch(() => undefined),
    ]);
    if (outcome instanceof Error) {
      rmSync(dir, { recursive: true, force: true });
      throw outcome;
    }
    if (outcome === 1) return { url, query, until, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `prometheus did not scrape the exporter within 30 s: ${stderr}`,
      );
    }
    await new Promise(r => setTimeout(r, 200));
  }
}
