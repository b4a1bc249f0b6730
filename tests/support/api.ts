/** Drives the API app in-process over memory stores, with API Gateway (payload 2.0) events. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Commit } from '../../src/domain/commit';
import {
  MemoryEventStore,
  MemoryExportStore,
  MemoryObjectStore,
  MemoryUploadSigner,
  MemoryViewStore,
} from '../../src/adapters/memory-stores';
import type { Role } from '../../src/api/access';
import type { EventStore, ViewReader } from '../../src/app/ports';
import { handleApiRequest } from '../../src/api/app';
import { projectState } from '../../src/domain/projections/project-all';

const BUCKET = 'b';

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  /** A JSON body, for a POST. */
  body?: unknown;
  /**
   * Who calls: the claims a JWT authorizer would have verified for a user in this role, or null
   * for no verified token. A reader unless said otherwise.
   */
  as?: Role | null;
}

/** Claims shaped as API Gateway hands them on: groups flattened to "[a b]". */
const claimsFor = (role: Role) => ({
  sub: `test-${role}`,
  username: role,
  'cognito:groups': `[${role}]`,
  token_use: 'access',
});

export function requestEvent(url: string, init: CallInit = {}): APIGatewayProxyEventV2 {
  const parsed = new URL(url, 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of parsed.searchParams)
    query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const role = init.as === undefined ? 'reader' : init.as;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.slice(1),
    headers: init.headers ?? {},
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: parsed.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(role ? { authorizer: { jwt: { claims: claimsFor(role), scopes: null } } } : {}),
    },
    ...(init.body === undefined
      ? { isBase64Encoded: false }
      : { body: JSON.stringify(init.body), isBase64Encoded: false }),
  };
}

/** Given these commits (projected as the projector would) and article texts, an API to call. */
export async function apiOver(
  commits: Commit[],
  texts: Record<string, string> = {},
  options: { publicRead?: boolean } = {},
) {
  const views = new MemoryViewStore(),
    events = new MemoryEventStore();
  for (const c of commits) await events.appendToStream(c);
  await views.writeSnapshot(projectState(commits));
  return apiOn(views, events, texts, options);
}

/** An API to call over these views and events. */
export async function apiOn<V extends ViewReader>(
  views: V,
  events: EventStore,
  texts: Record<string, string> = {},
  options: { publicRead?: boolean } = {},
) {
  const errors: { message: string; details: Record<string, unknown> }[] = [];
  const objects = new MemoryObjectStore();
  for (const [articleId, text] of Object.entries(texts))
    await objects.putText(BUCKET, `text/${articleId}.txt`, text);
  const uploads = new MemoryUploadSigner();
  const deps = {
    views,
    events,
    objects,
    uploads,
    publicRead: options.publicRead ?? true,
    dashboard: { auth: null, connectSources: [] },
    bucket: BUCKET,
    exports: new MemoryExportStore(),
    logError: (message: string, details: Record<string, unknown>) =>
      errors.push({ message, details }),
  };
  const call = async (url: string, init: CallInit = {}) => {
    const res = await handleApiRequest(deps, requestEvent(url, init));
    let json: any = undefined;
    try {
      json = JSON.parse(res.body);
    } catch {
      // CSV, HTML, an empty 304
    }
    return { status: res.statusCode, headers: res.headers, body: res.body, json };
  };
  return { deps, call, errors, uploads };
}
