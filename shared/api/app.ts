/**
 * The HTTP API as a pure request → response function over the read ports, so API Gateway's
 * Lambda and the local server run the very same code.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LedgerError } from '../errors';
import type { EventStore, ViewStore } from '../ports';
import type { ViewName } from '../projections/model';

export interface ApiDeps {
  views: ViewStore;
  events: EventStore;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const problem = (status: number, title: string, detail: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail }),
});

const LIST_ROUTES: Record<string, ViewName> = { '/timeline': 'timeline', '/aid-flows': 'aidFlows', '/case-counts': 'caseCounts' };

export async function handleApiRequest(deps: ApiDeps, event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const q = event.queryStringParameters ?? {};
  const limit = Math.min(Math.max(Number(q.limit ?? 100) || 100, 1), 500);
  try {
    if (path === '/health') return json(200, { status: 'ok' });
    if (path === '/articles') {
      const page = await deps.views.listArticles(q.cursor ?? null, limit);
      return json(200, { items: page.items.map((a) => a.view), next: page.next });
    }
    const article = /^\/articles\/([^/]+)$/.exec(path);
    if (article) {
      const state = await deps.views.getArticle(decodeURIComponent(article[1]!));
      return state ? json(200, state.view) : problem(404, 'Not Found', 'no article with that id');
    }
    const view = LIST_ROUTES[path];
    if (view) {
      const page = await deps.views.listGroups(view, q.cursor ?? null, limit);
      return json(200, { items: page.items.flatMap((g) => g.entries), next: page.next });
    }
    return problem(404, 'Not Found', `no route ${path}`);
  } catch (error) {
    if (error instanceof LedgerError && !error.retryable) return problem(400, 'Bad Request', error.message);
    console.error(error);
    return problem(500, 'Internal Server Error', 'the request could not be completed; it has been logged');
  }
}
