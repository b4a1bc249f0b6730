/**
 * Every route the API serves, as data: its path template, the zod schemas of its parameters and
 * of its answer, and its handler. The dispatcher validates with these schemas and /openapi.json
 * is generated from them, so what is documented is what is enforced.
 */
import * as z from 'zod';
import type { EventStore, ExportStore, ObjectStore, UploadSigner, ViewReader } from '../app/ports';
import { VIEWS, type AnyView } from '../domain/facts';
import { streamIdOf } from '../domain/ids';
import { lazy } from '../domain/lazy';
import { dashboardFiles } from './dashboard-assets';
import type { Access, Principal } from './access';
import { articlesExport } from './exports';
import { dashboardCsp, jsonReply, type Reply } from './http';
import { encodePosition, pageArticles, type PageOf } from './paging';
import { aidFlowGraph, articleDetail, viewExport, viewPage, type Paged } from './queries';
import {
  aidFlowGraphQuery,
  articleDetailSchema,
  articleEventsQuery,
  articlePath,
  articlesPage,
  articlesQuery,
  dashboardConfigSchema,
  eventsPage,
  graphSchema,
  healthSchema,
  listQuery,
  noQuery,
  page,
  signInReturn,
} from './schemas';
import {
  grantUploads,
  MAX_UPLOAD_BYTES,
  uploadGrantSchema,
  uploadOutcomeQuery,
  uploadOutcomeSchema,
  uploadRequestSchema,
  uploadOutcome,
} from './uploads';

/** What the dashboard needs to know about its deployment: how to sign in, where uploads go. */
export interface DashboardConfig {
  /**
   * OAuth 2.0 authorization-code flow with PKCE: Cognito's managed login on AWS, the local
   * issuer's pages locally. Null when the deployment has no sign-in.
   */
  auth: {
    authorizeUrl: string;
    tokenUrl: string;
    logoutUrl: string;
    clientId: string;
    scopes: string[];
  } | null;
  /** Origins the page may connect to besides its own (the token endpoint, the upload bucket). */
  connectSources: string[];
}

export interface ApiDeps {
  views: ViewReader;
  events: EventStore;
  objects: ObjectStore;
  /** Signs the PUTs a browser sends uploads with. */
  uploads: UploadSigner;
  /** Whether the facts (timeline, aid flows, case counts) are readable without signing in. */
  publicRead: boolean;
  dashboard: DashboardConfig;
  /** Where exports too large for one answer go; null answers them inline whatever their size. */
  exports: ExportStore | null;
  /** Exports larger than this go through `exports` (tests lower it). */
  maxInlineBytes?: number;
  /** Bucket holding the normalised article texts (text/…). */
  bucket: string;
  /** Where unexpected failures go; the caller sees only a 500 without internals. */
  logError: (message: string, details: Record<string, unknown>) => void;
}

interface RouteContext<Q, P, B> {
  deps: ApiDeps;
  query: Q;
  params: P;
  body: B;
  /** The signed-in caller, if a token was verified for this route. */
  principal: Principal | null;
  /** The request's path and query, for problem details. */
  instance: string;
  /** Builds this route's URL with the given cursor, for the Link header of a page. */
  pageUrl: (cursor: string) => string;
  openapi: () => unknown;
}

/** A handler's answer: a reply, or null for "no such resource". */
type Handled = Reply | null;

export interface Route<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  path: string;
  /** GET (which answers HEAD too) unless said otherwise. */
  method?: 'POST';
  /** Who may call it (./access.ts); API Gateway's routes carry an authorizer to match. */
  access: Access;
  summary: string;
  description?: string;
  query: Q;
  params?: P;
  /** The JSON body's schema, for a POST. */
  body?: B;
  /** The JSON answer's schema, or the media type of a non-JSON one. */
  response: z.ZodType | { mediaType: string };
  /** List routes also answer `format=csv`, and views with places `format=geojson`. */
  csv?: boolean;
  geojson?: boolean;
  handle: (ctx: RouteContext<z.output<Q>, z.output<P>, z.output<B>>) => Promise<Handled>;
}

/** The schemas of a route: built on its first request (or the OpenAPI document's), not at cold start. */
type RouteSchemas<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> = Pick<
  Route<Q, P, B>,
  'query' | 'params' | 'body' | 'response'
>;

type RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> = Omit<
  Route<Q, P, B>,
  keyof RouteSchemas<Q, P, B>
> & { schemas: () => RouteSchemas<Q, P, B> };

const route = <
  Q extends z.ZodType,
  P extends z.ZodType = ReturnType<typeof noQuery>,
  B extends z.ZodType = ReturnType<typeof noQuery>,
>({
  schemas,
  ...spec
}: RouteSpec<Q, P, B>): Route => {
  const built = lazy(schemas);
  const field = (name: keyof RouteSchemas<Q, P, B>) => ({
    get: () => built()[name],
    enumerable: true,
  });
  return Object.defineProperties(spec, {
    query: field('query'),
    params: field('params'),
    body: field('body'),
    response: field('response'),
  }) as unknown as Route;
};

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
    access: 'facts',
    summary: view.summary,
    schemas: () => ({
      query: listQuery(view),
      response: page(view.entry, `${view.name.charAt(0).toUpperCase()}${view.name.slice(1)}Page`),
    }),
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
    access: 'public',
    summary: 'The dashboard',
    description:
      'Timeline, case-count charts, the aid-flow Sankey diagram and the articles with their evidence highlighted.',
    schemas: () => ({ query: signInReturn(), response: { mediaType: 'text/html' } }),
    handle: async ({ deps }) => ({
      contentType: 'text/html; charset=utf-8',
      body: dashboardFiles().html,
      headers: { 'content-security-policy': dashboardCsp(deps.dashboard.connectSources) },
    }),
  }),
  route({
    path: '/assets/config.json',
    access: 'public',
    summary: 'The dashboard’s configuration: how to sign in, whether the facts are public',
    schemas: () => ({ query: noQuery(), response: dashboardConfigSchema() }),
    handle: async ({ deps }) =>
      jsonReply({
        publicRead: deps.publicRead,
        auth: deps.dashboard.auth,
        maxUploadBytes: MAX_UPLOAD_BYTES,
      }),
  }),
  route({
    path: '/assets/{file}',
    access: 'public',
    summary: 'The dashboard’s script and style sheet, bundled with the API',
    schemas: () => ({
      query: noQuery(),
      params: z.strictObject({
        file: z
          .enum(Object.keys(dashboardFiles().assets) as [string, ...string[]])
          .meta({ description: 'asset file name' }),
      }),
      response: { mediaType: 'application/octet-stream' },
    }),
    handle: async ({ params }) => {
      const asset = dashboardFiles().assets[params.file]!;
      return { contentType: asset.contentType, body: asset.body };
    },
  }),
  route({
    path: '/openapi.json',
    access: 'facts',
    summary: 'This API described as OpenAPI 3.1',
    schemas: () => ({ query: noQuery(), response: { mediaType: 'application/json' } }),
    handle: async ({ openapi }) => jsonReply(openapi()),
  }),
  route({
    path: '/health',
    access: 'public',
    summary: 'Liveness',
    schemas: () => ({ query: noQuery(), response: healthSchema() }),
    handle: async () => jsonReply({ status: 'ok' }),
  }),
  ...VIEWS.map(viewRoute),
  route({
    path: '/aid-flows/graph',
    access: 'facts',
    summary: 'The aid corridors as nodes and links for a Sankey diagram: donors → recipients',
    description:
      'Takes the filters of /aid-flows/corridors; a link’s value is how many independent reports the corridor stands on.',
    schemas: () => ({ query: aidFlowGraphQuery(), response: graphSchema() }),
    handle: async ({ deps, query }) => jsonReply(await aidFlowGraph(deps.views, query)),
  }),
  route({
    path: '/articles',
    access: 'reader',
    summary:
      'Articles, newest first, with their outcome (extracted, or rejected with the reason) and fact counts',
    schemas: () => ({ query: articlesQuery(), response: articlesPage() }),
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
    access: 'reader',
    summary:
      'One article: its facts with evidence offsets, its text, and its rejection reason if it was rejected',
    schemas: () => ({ query: noQuery(), params: articlePath(), response: articleDetailSchema() }),
    handle: async ({ deps, params }) => {
      const detail = await articleDetail(deps, params.id);
      return detail && jsonReply(detail);
    },
  }),
  route({
    path: '/articles/{id}/events',
    access: 'reader',
    summary: 'The article’s raw event stream, oldest first',
    schemas: () => ({ query: articleEventsQuery(), params: articlePath(), response: eventsPage() }),
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
  route({
    path: '/uploads',
    method: 'POST',
    access: 'uploader',
    summary: 'Signed PUTs to upload articles: one per file, of exactly its size, to articles/',
    description:
      'PUT each file’s bytes to its `url` with its `headers` before `expiresInSeconds`; S3 refuses any other length. Then follow each upload at /uploads/outcome with the version id the PUT answers.',
    schemas: () => ({
      query: noQuery(),
      body: uploadRequestSchema(),
      response: uploadGrantSchema(),
    }),
    handle: async ({ deps, body }) => jsonReply(await grantUploads(deps.uploads, body)),
  }),
  route({
    path: '/uploads/outcome',
    access: 'uploader',
    summary: 'What the pipeline recorded for one upload: pending, ingested, duplicate or rejected',
    schemas: () => ({ query: uploadOutcomeQuery(), response: uploadOutcomeSchema() }),
    handle: async ({ deps, query }) => jsonReply(await uploadOutcome(deps, query)),
  }),
];
