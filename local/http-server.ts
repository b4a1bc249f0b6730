/**
 * Serves an API Gateway (HTTP API, payload 2.0) handler over node:http, converting each request
 * to the event API Gateway would send and the handler's result back to a response.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The request target as API Gateway sees it. `new URL(target, base)` would read `//health` as a
 * host named `health` with the path `/`, serving the dashboard; the target is a path, so it is
 * parsed as one.
 */
const urlOf = (target: string | undefined): URL => {
  const raw = target ?? '/';
  const at = raw.search(/[?#]/);
  const url = new URL(at < 0 ? '' : raw.slice(at), 'http://localhost');
  url.pathname = at < 0 ? raw : raw.slice(0, at);
  return url;
};

async function toApiGatewayEvent(req: IncomingMessage): Promise<APIGatewayProxyEventV2> {
  const url = urlOf(req.url);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const method = req.method ?? 'GET';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length
      ? { body: body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

export function serveHttp(handler: HttpHandler, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    toApiGatewayEvent(req)
      .then(handler)
      .then((result) => {
        const headers = { ...(result.headers ?? {}) } as Record<string, string | number | boolean>;
        res.writeHead(
          result.statusCode ?? 200,
          Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
        );
        res.end(
          result.body
            ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
            : undefined,
        );
      })
      .catch(() => {
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }),
        );
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
