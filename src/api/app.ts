/**
 * The HTTP API as a pure request → response function over the read ports, so API Gateway's
 * Lambda and the local server run the very same code: match a route, validate its parameters
 * with its zod schemas, run it, and answer with caching validators, CORS and problem details.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { finish, PREFLIGHT_HEADERS, problem, type ParameterError, type Result } from './http';
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

export async function handleApiRequest(
  deps: ApiDeps,
  event: APIGatewayProxyEventV2,
): Promise<Result> {
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const instance = event.rawQueryString
    ? `${event.rawPath}?${event.rawQueryString}`
    : event.rawPath;
  const request = { method, ifNoneMatch: event.headers?.['if-none-match'] };

  if (method === 'OPTIONS') return { statusCode: 204, headers: PREFLIGHT_HEADERS, body: '' };
  if (method !== 'GET' && method !== 'HEAD') {
    const reply = problem(
      405,
      'Method Not Allowed',
      `${method} is not supported; the API is read-only`,
      instance,
    );
    return finish({ ...reply, headers: { allow: 'GET, HEAD, OPTIONS' } }, request);
  }
  try {
    const found = match(path);
    if (!found)
      return finish(
        problem(404, 'Not Found', `there is no route ${path}; see /openapi.json`, instance),
        request,
      );
    const { route } = found;
    const params = route.params?.safeParse(found.params);
    const query = route.query.safeParse(event.queryStringParameters ?? {});
    const errors = [
      ...(params && !params.success ? parameterErrors(params.error) : []),
      ...(query.success ? [] : parameterErrors(query.error)),
    ];
    if (errors.length > 0 || !query.success) {
      const detail = `invalid ${errors.map((e) => `\`${e.parameter}\``).join(', ')}: ${errors.map((e) => e.message).join('; ')}`;
      return finish(problem(400, 'Bad Request', detail, instance, errors), request);
    }
    const reply = await route.handle({
      deps,
      query: query.data,
      params: params?.success ? params.data : {},
      pageUrl: (cursor) => {
        const search = new URLSearchParams(event.rawQueryString);
        search.set('cursor', cursor);
        return `${event.rawPath}?${search}`;
      },
      openapi: openApi,
    });
    return finish(reply ?? problem(404, 'Not Found', `nothing at ${path}`, instance), request);
  } catch (error) {
    deps.logError('request failed', { path, error });
    return finish(
      problem(
        500,
        'Internal Server Error',
        'the request could not be completed; it has been logged',
        instance,
      ),
      request,
    );
  }
}
