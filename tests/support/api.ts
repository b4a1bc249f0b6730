/** Drives the API app in-process over memory stores, with API Gateway (payload 2.0) events. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Commit } from '../../src/domain/commit';
import {
  MemoryEventStore,
  MemoryExportStore,
  MemoryObjectStore,
  MemoryViewStore,
} from '../../src/adapters/memory-stores';
import { handleApiRequest } from '../../src/api/app';
import { projectState } from '../../src/domain/projections/project-all';

const BUCKET = 'b';

function requestEvent(
  url: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const parsed = new URL(url, 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of parsed.searchParams)
    query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const method = init.method ?? 'GET';
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
    },
    isBase64Encoded: false,
  };
}

/** Given these commits (projected as the projector would) and article texts, an API to call. */
export async function apiOver(commits: Commit[], texts: Record<string, string> = {}) {
  const errors: { message: string; details: Record<string, unknown> }[] = [];
  const views = new MemoryViewStore(),
    events = new MemoryEventStore(),
    objects = new MemoryObjectStore();
  for (const c of commits) await events.appendToStream(c);
  await views.writeSnapshot(projectState(commits));
  for (const [articleId, text] of Object.entries(texts))
    await objects.putText(BUCKET, `text/${articleId}.txt`, text);
  const deps = {
    views,
    events,
    objects,
    bucket: BUCKET,
    exports: new MemoryExportStore(),
    logError: (message: string, details: Record<string, unknown>) =>
      errors.push({ message, details }),
  };
  const call = async (
    url: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await handleApiRequest(deps, requestEvent(url, init));
    let json: any = undefined;
    try {
      json = JSON.parse(res.body);
    } catch {
      // CSV, HTML, an empty 304
    }
    return { status: res.statusCode, headers: res.headers, body: res.body, json };
  };
  return { deps, call, errors };
}
