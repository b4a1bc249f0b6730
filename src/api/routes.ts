/**
 * Every route the API serves, as data: its path template, the zod schemas of its parameters and
 * of its answer, and its handler. The dispatcher validates with these schemas and /openapi.json
 * is generated from them, so what is documented is what is enforced.
 */
import * as z from 'zod';
import type { EventStore, ExportStore, ObjectStore, ViewReader } from '../app/ports';
import { VIEWS, type AnyView } from '../domain/facts';
import { streamIdOf } from '../domain/ids';
import { DASHBOARD_ASSETS, DASHBOARD_HTML } from './dashboard-assets.generated';
import { articlesExport } from './exports';
import { DASHBOARD_CSP, jsonReply, type Reply } from './http';
import { encodePosition, pageArticles, type PageOf } from './paging';
import { aidFlowGraph, articleDetail, viewExport, viewPage, type Paged } from './queries';
import {
  AidFlowGraphQuery,
  ArticleDetailSchema,
  ArticleEventsQuery,
  ArticlePath,
  ArticlesPage,
  ArticlesQuery,
  EventsPage,
  GraphSchema,
  HealthSchema,
  listQuery,
  NoQuery,
  page,
} from './schemas';

export interface ApiDeps {
  views: ViewReader;
  events: EventStore;
  objects: ObjectStore;
  /** Where exports too large for one answer go; null answers them inline whatever their size. */
  exports: ExportStore | null;
  /** Exports larger than this go through `exports` (tests lower it). */
  maxInlineBytes?: number;
  /** Bucket holding the normalised article texts (text/…). */
  bucket: string;
  /** Where unexpected failures go; the caller sees only a 500 without internals. */
  logError: (message: string, details: Record<string, unknown>) => void;
}

interface RouteContext<Q, P> {
  deps: ApiDeps;
  query: Q;
  params: P;
  /** The request's path and query, for problem details. */
  instance: string;
  /** Builds this route's URL with the given cursor, for the Link header of a page. */
  pageUrl: (cursor: string) => string;
  openapi: () => unknown;
}

/** A handler's answer: a reply, or null for "no such resource". */
type Handled = Reply | null;

export interface Route<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  path: string;
  summary: string;
  description?: string;
  query: Q;
  params?: P;
  /** The JSON answer's schema, or the media type of a non-JSON one. */
  response: z.ZodType | { mediaType: string };
  /** List routes also answer `format=csv`, and views with places `format=geojson`. */
  csv?: boolean;
  geojson?: boolean;
  handle: (ctx: RouteContext<z.output<Q>, z.output<P>>) => Promise<Handled>;
}

const route = <Q extends z.ZodType, P extends z.ZodType = typeof NoQuery>(r: Route<Q, P>): Route =>
  r as unknown as Route;

/** One page as JSON `{ items, next }`, with a Link header to the next page. */
function listReply<T>(
  ctx: { pageUrl: (cursor: string) => string },
  page: Omit<PageOf<T>, 'read'>,
): Reply {
  const next = page.next ? encodePosition(page.next) : null;
  const headers: Record<string, string> = next
    ? { link: `<${ctx.pageUrl(next)}>; rel="next"` }
    : {};
  return { ...jsonReply({ items: page.items, next }), headers };
}

/** A view's list route: a page as JSON, or every matching entry as CSV or GeoJSON. */
function viewRoute(view: AnyView): Route {
  return route({
    path: view.path,
    summary: view.summary,
    query: listQuery(view),
    response: page(view.entry, `${view.name.charAt(0).toUpperCase()}${view.name.slice(1)}Page`),
    csv: true,
    geojson: Boolean(view.geojson),
    handle: async (ctx) => {
      const { format, ...query } = ctx.query as { format: 'json' | 'csv' | 'geojson' } & Paged;
      if (format !== 'json') return viewExport(ctx.deps, { view, query, format }, ctx.instance);
      return listReply(ctx, await viewPage(ctx.deps.views, view, query));
    },
  });
}

export const ROUTES: Route[] = [
  route({
    path: '/',
    summary: 'The dashboard',
    description:
      'Timeline, case-count charts, the aid-flow Sankey diagram and the articles with their evidence highlighted.',
    query: NoQuery,
    response: { mediaType: 'text/html' },
    handle: async () => ({
      contentType: 'text/html; charset=utf-8',
      body: DASHBOARD_HTML,
      headers: { 'content-security-policy': DASHBOARD_CSP },
    }),
  }),
  route({
    path: '/assets/{file}',
    summary: 'The dashboard’s script and style sheet, bundled with the API',
    query: NoQuery,
    params: z.strictObject({
      file: z
        .enum(Object.keys(DASHBOARD_ASSETS) as [string, ...string[]])
        .meta({ description: 'asset file name' }),
    }),
    response: { mediaType: 'application/octet-stream' },
    handle: async ({ params }) => {
      const asset = DASHBOARD_ASSETS[params.file]!;
      return { contentType: asset.contentType, body: asset.body };
    },
  }),
  route({
    path: '/openapi.json',
    summary: 'This API described as OpenAPI 3.1',
    query: NoQuery,
    response: { mediaType: 'application/json' },
    handle: async ({ openapi }) => jsonReply(openapi()),
  }),
  route({
    path: '/health',
    summary: 'Liveness',
    query: NoQuery,
    response: HealthSchema,
    handle: async () => jsonReply({ status: 'ok' }),
  }),
  ...VIEWS.map(viewRoute),
  route({
    path: '/aid-flows/graph',
    summary: 'The aid corridors as nodes and links for a Sankey diagram: donors → recipients',
    description:
      'Takes the filters of /aid-flows/corridors; a link’s value is how many independent reports the corridor stands on.',
    query: AidFlowGraphQuery,
    response: GraphSchema,
    handle: async ({ deps, query }) => jsonReply(await aidFlowGraph(deps.views, query)),
  }),
  route({
    path: '/articles',
    summary:
      'Articles, newest first, with their outcome (extracted, or rejected with the reason) and fact counts',
    query: ArticlesQuery,
    response: ArticlesPage,
    csv: true,
    handle: async (ctx) => {
      const { status, updatedSince, limit, cursor, format } = ctx.query;
      if (format === 'csv') return articlesExport(ctx.deps, { status, updatedSince }, ctx.instance);
      const page = await pageArticles(ctx.deps.views, { status, updatedSince, limit, cursor });
      return listReply(ctx, { items: page.items.map((a) => a.view), next: page.next });
    },
  }),
  route({
    path: '/articles/{id}',
    summary:
      'One article: its facts with evidence offsets, its text, and its rejection reason if it was rejected',
    query: NoQuery,
    params: ArticlePath,
    response: ArticleDetailSchema,
    handle: async ({ deps, params }) => {
      const detail = await articleDetail(deps, params.id);
      return detail && jsonReply(detail);
    },
  }),
  route({
    path: '/articles/{id}/events',
    summary: 'The article’s raw event stream, oldest first',
    query: ArticleEventsQuery,
    params: ArticlePath,
    response: EventsPage,
    handle: async ({ deps, params, query }) => {
      const stream = await deps.events.readStream(streamIdOf(params.id));
      if (stream.version === 0) return null;
      const events = stream.commits.flatMap((c) => c.events);
      const start = Number(query.cursor?.k ?? 0) || 0;
      const end = start + query.limit;
      return jsonReply({
        items: events.slice(start, end),
        next: end < events.length ? encodePosition({ k: String(end) }) : null,
      });
    },
  }),
];
