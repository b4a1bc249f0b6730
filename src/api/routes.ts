/**
 * Every route the API serves, as data: its path template, the zod schemas of its parameters and
 * of its answer, and its handler. The dispatcher validates with these schemas and /openapi.json
 * is generated from them, so what is documented is what is enforced.
 */
import * as z from 'zod';
import type { EventStore, ExportStore, ObjectStore, UploadSigner, ViewReader } from '../app/ports';
import { VIEWS, type AnyView } from '../domain/facts';
import { streamIdOf } from '../domain/ids';
import { DASHBOARD_ASSETS, DASHBOARD_HTML } from './dashboard-assets.generated';
import type { Access, Principal } from './access';
import { articlesExport } from './exports';
import { dashboardCsp, jsonReply, type Reply } from './http';
import { encodePosition, pageArticles, type PageOf } from './paging';
import { aidFlowGraph, articleDetail, viewExport, viewPage, type Paged } from './queries';
import {
  AidFlowGraphQuery,
  ArticleDetailSchema,
  ArticleEventsQuery,
  ArticlePath,
  ArticlesPage,
  ArticlesQuery,
  DashboardConfigSchema,
  EventsPage,
  GraphSchema,
  HealthSchema,
  listQuery,
  NoQuery,
  page,
  SignInReturn,
} from './schemas';
import {
  grantUploads,
  MAX_UPLOAD_BYTES,
  UploadGrantSchema,
  UploadOutcomeQuery,
  UploadOutcomeSchema,
  UploadRequestSchema,
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

const route = <
  Q extends z.ZodType,
  P extends z.ZodType = typeof NoQuery,
  B extends z.ZodType = typeof NoQuery,
>(
  r: Route<Q, P, B>,
): Route => r as unknown as Route;

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
    access: 'public',
    summary: 'The dashboard',
    description:
      'Timeline, case-count charts, the aid-flow Sankey diagram and the articles with their evidence highlighted.',
    query: SignInReturn,
    response: { mediaType: 'text/html' },
    handle: async ({ deps }) => ({
      contentType: 'text/html; charset=utf-8',
      body: DASHBOARD_HTML,
      headers: { 'content-security-policy': dashboardCsp(deps.dashboard.connectSources) },
    }),
  }),
  route({
    path: '/assets/config.json',
    access: 'public',
    summary: 'The dashboard’s configuration: how to sign in, whether the facts are public',
    query: NoQuery,
    response: DashboardConfigSchema,
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
    access: 'facts',
    summary: 'This API described as OpenAPI 3.1',
    query: NoQuery,
    response: { mediaType: 'application/json' },
    handle: async ({ openapi }) => jsonReply(openapi()),
  }),
  route({
    path: '/health',
    access: 'public',
    summary: 'Liveness',
    query: NoQuery,
    response: HealthSchema,
    handle: async () => jsonReply({ status: 'ok' }),
  }),
  ...VIEWS.map(viewRoute),
  route({
    path: '/aid-flows/graph',
    access: 'facts',
    summary: 'The aid corridors as nodes and links for a Sankey diagram: donors → recipients',
    description:
      'Takes the filters of /aid-flows/corridors; a link’s value is how many independent reports the corridor stands on.',
    query: AidFlowGraphQuery,
    response: GraphSchema,
    handle: async ({ deps, query }) => jsonReply(await aidFlowGraph(deps.views, query)),
  }),
  route({
    path: '/articles',
    access: 'reader',
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
    access: 'reader',
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
    access: 'reader',
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
  route({
    path: '/uploads',
    method: 'POST',
    access: 'uploader',
    summary: 'Signed PUTs to upload articles: one per file, of exactly its size, to articles/',
    description:
      'PUT each file’s bytes to its `url` with its `headers` before `expiresInSeconds`; S3 refuses any other length. Then follow each upload at /uploads/outcome with the version id the PUT answers.',
    query: NoQuery,
    body: UploadRequestSchema,
    response: UploadGrantSchema,
    handle: async ({ deps, body }) => jsonReply(await grantUploads(deps.uploads, body)),
  }),
  route({
    path: '/uploads/outcome',
    access: 'uploader',
    summary: 'What the pipeline recorded for one upload: pending, ingested, duplicate or rejected',
    query: UploadOutcomeQuery,
    response: UploadOutcomeSchema,
    handle: async ({ deps, query }) => jsonReply(await uploadOutcome(deps, query)),
  }),
];
