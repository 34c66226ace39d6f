import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsService } from './metrics.service';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics in the Prometheus text format on a port of its own (METRICS_PORT), away from the
 * public API and its rate limit; bound to METRICS_HOST (127.0.0.1 unless set). With METRICS_TOKEN,
 * a scrape must send `Authorization: Bearer <token>`. Anything else gets a short problem+json.
 */
export async function startMetricsServer(metrics: MetricsService, options: { port: number; host: string; token?: string }): Promise<MetricsServer> {
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const authorised = (header: string | undefined) => {
    if (!expected) return true;
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const refuse = (res: import('node:http').ServerResponse, status: number, code: string, detail: string) => {
    res.writeHead(status, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: `urn:beschlussweg:problem:${code}`, title: code, status, detail, code }));
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return refuse(res, 404, 'NOT_FOUND', 'Only GET /metrics is served here.');
    if (!authorised(req.headers.authorization)) return refuse(res, 401, 'AUTH.UNAUTHENTICATED', 'The metrics endpoint wants the METRICS_TOKEN as a bearer token.');
    metrics.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
        res.end(text);
      },
      () => refuse(res, 500, 'INTERNAL', 'The metrics could not be collected.'),
    );
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port, options.host, () => ok()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
