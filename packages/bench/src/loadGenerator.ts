/*
 * Closed-loop HTTP load: `concurrency` clients, each sending the next URL of
 * the list as soon as its previous answer arrives, for `seconds`. Runs in its
 * own process so it does not share an event loop with the server it measures.
 *
 *   node loadGenerator.js <json {urls, headers, concurrency, seconds}>
 *   prints one JSON line: {requests, errors, p50, p95, p99, max, rps}
 */
import http from 'node:http';

const { urls, headers, concurrency, seconds } = JSON.parse(process.argv[2]);
// Keep-alive sockets and plain node:http: a cheaper client than fetch, so the server gets the CPU.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main() {
  const latencies: number[] = [];
  const perUrl: number[][] = urls.map(() => []);
  let errors = 0;
  let next = 0;
  const until = Date.now() + seconds * 1000;
  async function client() {
    while (Date.now() < until) {
      const index = next++ % urls.length;
      const url = urls[index];
      const started = performance.now();
      try {
        const status = await get(url);
        if (status < 200 || status >= 300) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
      perUrl[index].push(performance.now() - started);
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(
      latencies[
        Math.min(latencies.length - 1, Math.floor(p * latencies.length))
      ] * 10,
    ) / 10;
  const medians = perUrl.map(l => {
    l.sort((a, b) => a - b);
    return Math.round(l[Math.floor(l.length / 2)] ?? 0);
  });
  console.log(
    JSON.stringify({
      requests: latencies.length,
      errors,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: q(1),
      rps: Math.round(latencies.length / elapsed),
      medians,
    }),
  );
}

main();
