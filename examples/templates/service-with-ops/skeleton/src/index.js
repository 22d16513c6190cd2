// ${{ values.name }}: a minimal HTTP service with a health endpoint for monitoring.
const http = require('node:http');

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT ?? 8080));
