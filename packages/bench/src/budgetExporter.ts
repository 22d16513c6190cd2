/*
 * The metrics the fact-collection benchmark's Prometheus scrapes: for each
 * of N services (budgetEntities.ts) in each environment, a request counter
 * by status code and a latency histogram, growing on every scrape as real
 * traffic would. Services differ in how they fail, so budgets come out
 * healthy, slowly burning, burning fast or spent: 1 in 10 services loses
 * 2 % of its requests, 1 in 10 0.3 %, the rest 0.02 %; 1 in 20 has 3 % of
 * its requests slower than 250 ms, the rest 0.5 %. Its own process, so
 * building the ~210,000-line scrape is not counted as the backend's or the
 * driver's time.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs src/budgetExporter.ts <count>
 *   prints `listening <port>` when ready.
 */
import http from 'node:http';
import { BUDGET_ENVIRONMENTS, budgetServiceName } from './budgetEntities';

const count = Number(process.argv[2] ?? 10000);
/** Requests per scrape per series: enough that every ratio is exact at 5m. */
const REQUESTS = 10_000;

interface Series {
  labels: string;
  errors: number;
  slow: number;
}
const series: Series[] = [];
for (let i = 0; i < count; i++) {
  const errors = [0.02, 0.003][i % 10] ?? 0.0002;
  const slow = i % 20 === 2 ? 0.03 : 0.005;
  for (const env of BUDGET_ENVIRONMENTS)
    series.push({
      labels: `service="${budgetServiceName(i)}",env="${env}"`,
      errors: Math.round(errors * REQUESTS),
      slow: Math.round(slow * REQUESTS),
    });
}

let scrapes = 0;
function scrape(): string {
  scrapes++;
  const lines: string[] = [];
  for (const { labels, errors, slow } of series) {
    const n = scrapes;
    lines.push(
      `http_requests_total{${labels},code="200"} ${(REQUESTS - errors) * n}`,
      `http_requests_total{${labels},code="500"} ${errors * n}`,
      `http_request_duration_seconds_bucket{${labels},le="0.1"} ${
        (REQUESTS / 2) * n
      }`,
      `http_request_duration_seconds_bucket{${labels},le="0.25"} ${
        (REQUESTS - slow) * n
      }`,
      `http_request_duration_seconds_bucket{${labels},le="1"} ${
        (REQUESTS - slow / 2) * n
      }`,
      `http_request_duration_seconds_bucket{${labels},le="+Inf"} ${
        REQUESTS * n
      }`,
      `http_request_duration_seconds_count{${labels}} ${REQUESTS * n}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const server = http.createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  res
    .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
    .end(scrape());
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
