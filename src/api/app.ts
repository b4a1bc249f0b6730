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
import { decide, principalOf, type Access } from './access';
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

const openapi = new Map<boolean, unknown>();
/** The document for a deployment: whether the facts need a token is part of it. */
function openApi(publicRead: boolean): unknown {
  if (!openapi.has(publicRead)) openapi.set(publicRead, openApiDocument(ROUTES, publicRead));
  return openapi.get(publicRead);
}

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

/** Who may call the route at this path; null when no route is there. */
export const accessOf = (path: string): Access | null => match(path)?.route.access ?? null;

function parameterErrors(error: z.ZodError): ParameterError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ parameter: key, message: 'unknown parameter' }))
      : [{ parameter: String(issue.path[0] ?? ''), message: issue.message }],
  );
}

type Validated =
  | { ok: true; query: unknown; params: unknown; body: unknown }
  | { ok: false; errors: ParameterError[] };

/** A body's problems, each named by its path in the body (`files.0.size`). */
const bodyErrors = (error: z.ZodError): ParameterError[] =>
  error.issues.map((issue) => ({
    parameter: issue.path.length ? issue.path.join('.') : 'body',
    message: issue.message,
  }));

/** Path, query and body through the route's schemas: the parsed values, or every error. */
function validate(
  route: Route,
  pathParams: Record<string, string>,
  event: APIGatewayProxyEventV2,
): Validated {
  const params = route.params?.safeParse(pathParams);
  const query = route.query.safeParse(event.queryStringParameters ?? {});
  const body = route.body?.safeParse(jsonBody(event));
  const errors = [
    ...(params && !params.success ? parameterErrors(params.error) : []),
    ...(query.success ? [] : parameterErrors(query.error)),
    ...(body && !body.success ? bodyErrors(body.error) : []),
  ];
  if (errors.length > 0 || !query.success) return { ok: false, errors };
  return {
    ok: true,
    query: query.data,
    params: params?.success ? params.data : {},
    body: body?.success ? body.data : undefined,
  };
}

const pageUrlOf = (event: APIGatewayProxyEventV2) => (cursor: string) => {
  const search = new URLSearchParams(event.rawQueryString);
  search.set('cursor', cursor);
  return `${event.rawPath}?${search}`;
};

/** The request body as JSON, or undefined when there is none or it is not JSON. */
function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The claims a JWT authorizer verified (API Gateway's on AWS, the local gateway's locally). */
const claimsOf = (event: APIGatewayProxyEventV2) =>
  (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;

interface Request {
  event: APIGatewayProxyEventV2;
  method: string;
  instance: string;
}

/** The route's answer, or the problem that stops it: no route, no right, bad parameters. */
async function dispatch(deps: ApiDeps, req: Request): Promise<Reply> {
  const { event, instance } = req;
  // One trailing slash is forgiven (`/timeline/`); `//health` or `///` name no route.
  const path = event.rawPath.length > 1 ? event.rawPath.replace(/\/$/, '') : event.rawPath;
  const found = match(path);
  if (!found) return problem(404, `there is no route ${path}; see /openapi.json`, instance);
  const allowed = methodsOf(found.route);
  if (!allowed.includes(req.method)) {
    const reply = problem(405, `${path} answers ${allowed.join(', ')}`, instance);
    return { ...reply, headers: { allow: [...allowed, 'OPTIONS'].join(', ') } };
  }
  const principal = principalOf(claimsOf(event));
  const decision = decide(found.route.access, principal, deps.publicRead);
  if (!decision.allowed) {
    const reply = problem(decision.status, decision.detail, instance);
    return decision.status === 401
      ? { ...reply, headers: { 'www-authenticate': 'Bearer' } }
      : reply;
  }
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
    body: validated.body,
    principal,
    pageUrl: pageUrlOf(event),
    openapi: () => openApi(deps.publicRead),
  });
  return reply ?? problem(404, `nothing at ${path}`, instance);
}

const methodsOf = (route: Route): string[] =>
  route.method === 'POST' ? ['POST'] : ['GET', 'HEAD'];

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
  try {
    return finish(await dispatch(deps, { event, method, instance }), request);
  } catch (error) {
    deps.logError('request failed', { path: event.rawPath, error });
    const detail = 'the request could not be completed; it has been logged';
    return finish(problem(500, detail, instance), request);
  }
}
