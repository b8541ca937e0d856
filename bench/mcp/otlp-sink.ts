/**
 * otlp-sink is the collector stand-in of the telemetry benchmark: an OTLP/HTTP endpoint that
 * reads every export, counts it, and answers success. It runs as its own process so the cost of
 * receiving telemetry is not charged to the gateway, and it decodes nothing: the benchmark
 * measures what exporting costs the gateway, not a collector.
 */
import http from 'node:http';

let exports = 0;
let bytes = 0;

const server = http.createServer((request, response) => {
  request.on('data', (chunk: Buffer) => (bytes += chunk.length));
  request.on('end', () => {
    exports++;
    // An empty body is a valid empty Export*ServiceResponse in protobuf; JSON exporters read "{}".
    const json = (request.headers['content-type'] ?? '').includes('json');
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' }).end(json ? '{}' : '');
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ level: 'info', message: 'otlp sink listening', address: `127.0.0.1:${port}` }) + '\n');
});

process.on('SIGTERM', () => {
  process.stdout.write(JSON.stringify({ level: 'info', message: 'otlp sink stopping', exports, bytes }) + '\n');
  server.close(() => process.exit(0));
});
