/**
 * What a route hands back, and how the app turns it into an API Gateway (payload 2.0) result:
 * problem details, CORS, caching validators and security headers.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type { Problem } from './schemas';

export type Result = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

export interface Reply {
  status?: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const jsonReply = (body: unknown, status = 200): Reply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

export interface ParameterError {
  parameter: string;
  message: string;
}

const PROBLEM_INVALID_PARAMETER = 'urn:aid-ledger:problem:invalid-parameter';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  500: 'Internal Server Error',
};

export function problem(
  status: number,
  detail: string,
  instance: string,
  errors?: ParameterError[],
): Reply {
  const title = TITLES[status] ?? 'Error';
  const body: Problem = {
    type: errors ? PROBLEM_INVALID_PARAMETER : 'about:blank',
    title,
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
  return { status, contentType: 'application/problem+json', body: JSON.stringify(body) };
}

/**
 * The dashboard's page may run its own bundled script and nothing else, and connect only to its
 * own API and the origins it signs in and uploads through; every other response runs nothing.
 */
export const dashboardCsp = (connectSources: string[]): string =>
  `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${["'self'", ...connectSources].join(' ')}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'etag, link',
};

export const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, if-none-match',
  'access-control-max-age': '86400',
};

const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * If-None-Match holds `*` or a list of entity tags; a weak tag compares equal to a strong one for
 * GET (RFC 9110 §13.1.2). `W/*` is neither: it matches nothing.
 */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}

/**
 * Successful answers carry an ETag of their bytes and must be revalidated, so a client polling
 * an unchanged view gets a 304 without the body; errors are never cached.
 */
export function finish(
  reply: Reply,
  request: { method: string; ifNoneMatch: string | undefined },
): Result {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = {
    'content-type': reply.contentType,
    'content-security-policy': API_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...CORS_HEADERS,
    ...reply.headers,
  };
  if (status !== 200)
    return {
      statusCode: status,
      headers: { ...headers, 'cache-control': 'no-store' },
      body: request.method === 'HEAD' ? '' : reply.body,
    };
  const etag = etagOf(reply.body);
  Object.assign(headers, { etag, 'cache-control': 'no-cache' });
  if (matches(request.ifNoneMatch, etag)) {
    delete headers['content-type'];
    return { statusCode: 304, headers, body: '' };
  }
  return { statusCode: 200, headers, body: request.method === 'HEAD' ? '' : reply.body };
}
