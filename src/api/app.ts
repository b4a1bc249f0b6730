/**
 * The HTTP API as a pure request → response function over the read ports, so API Gateway's
 * Lambda and the local server run the very same code: match a route, validate its parameters
 * with its zod schemas, run it, and answer with caching validators, CORS and problem details.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import {
  finish,
  PREFLIGHT_HEADERS,
  problem,
  type ParameterError,
  type Reply,
  type Result,
} from './http';
import { openApiDocument } from './openapi';
import { ROUTES, type ApiDeps, type Route } from './routes';

export type { ApiDeps } from './routes';

interface Matcher {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const MATCHERS: Matcher[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

let openapi: unknown;
const openApi = () => (openapi ??= openApiDocument(ROUTES));

function match(path: string): { route: Route; params: Record<string, string> } | null {
  for (const m of MATCHERS) {
    const found = m.pattern.exec(path);
    if (!found) continue;
    try {
      return {
        route: m.route,
        params: Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)])),
      };
    } catch {
      return { route: m.route, params: Object.fromEntries(m.names.map((n) => [n, ''])) };
    }
  }
  return null;
}

function parameterErrors(error: z.ZodError): ParameterError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ parameter: key, message: 'unknown parameter' }))
      : [{ parameter: String(issue.path[0] ?? ''), message: issue.message }],
  );
}

type Validated =
  { ok: true; query: unknown; params: unknown } | { ok: false; errors: ParameterError[] };

/** Path and query parameters through the route's schemas: the parsed values, or every error. */
function validate(
  route: Route,
  pathParams: Record<string, string>,
  event: APIGatewayProxyEventV2,
): Validated {
  const params = route.params?.safeParse(pathParams);
  const query = route.query.safeParse(event.queryStringParameters ?? {});
  const errors = [
    ...(params && !params.success ? parameterErrors(params.error) : []),
    ...(query.success ? [] : parameterErrors(query.error)),
  ];
  if (errors.length > 0 || !query.success) return { ok: false, errors };
  return { ok: true, query: query.data, params: params?.success ? params.data : {} };
}

const pageUrlOf = (event: APIGatewayProxyEventV2) => (cursor: string) => {
  const search = new URLSearchParams(event.rawQueryString);
  search.set('cursor', cursor);
  return `${event.rawPath}?${search}`;
};

/** The reply for a GET or HEAD: the route's answer, or the problem that stops it. */
async function dispatch(
  deps: ApiDeps,
  event: APIGatewayProxyEventV2,
  instance: string,
): Promise<Reply> {
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const found = match(path);
  if (!found) return problem(404, `there is no route ${path}; see /openapi.json`, instance);
  const validated = validate(found.route, found.params, event);
  if (!validated.ok) {
    const names = validated.errors.map((e) => `\`${e.parameter}\``).join(', ');
    const detail = `invalid ${names}: ${validated.errors.map((e) => e.message).join('; ')}`;
    return problem(400, detail, instance, validated.errors);
  }
  const reply = await found.route.handle({
    deps,
    instance,
    query: validated.query,
    params: validated.params,
    pageUrl: pageUrlOf(event),
    openapi: openApi,
  });
  return reply ?? problem(404, `nothing at ${path}`, instance);
}

export async function handleApiRequest(
  deps: ApiDeps,
  event: APIGatewayProxyEventV2,
): Promise<Result> {
  const method = event.requestContext.http.method.toUpperCase();
  const instance = event.rawQueryString
    ? `${event.rawPath}?${event.rawQueryString}`
    : event.rawPath;
  const request = { method, ifNoneMatch: event.headers?.['if-none-match'] };

  if (method === 'OPTIONS') return { statusCode: 204, headers: PREFLIGHT_HEADERS, body: '' };
  if (method !== 'GET' && method !== 'HEAD') {
    const reply = problem(405, `${method} is not supported; the API is read-only`, instance);
    return finish({ ...reply, headers: { allow: 'GET, HEAD, OPTIONS' } }, request);
  }
  try {
    return finish(await dispatch(deps, event, instance), request);
  } catch (error) {
    deps.logError('request failed', { path: event.rawPath, error });
    const detail = 'the request could not be completed; it has been logged';
    return finish(problem(500, detail, instance), request);
  }
}
