/**
 * The API's contract as zod schemas: the handlers validate every query parameter with these, and
 * /openapi.json is generated from the very same objects, so the documentation cannot drift from
 * what is enforced. Each view's filters and entry schema come from its fact kind.
 */
import * as z from 'zod';
import { lazy } from '../domain/lazy';
import { ledgerEventSchema } from '../domain/events';
import { FACT_KINDS, type AnyView, type FactsByKey } from '../domain/facts';
import { AID_STATUSES, corridorsView, ITEM_GROUPS } from '../domain/facts/aid-flow';
import { updatedSinceParam } from '../domain/facts/query';
import { evidenceSchema } from '../domain/partial-date';
import { articleViewSchema } from '../domain/projections/model';
import { decodePosition, type Position } from './paging';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

const paging = lazy(() => ({
  // Plain decimal digits only: Number() would also take ' 5', '0x10' or '1e2'.
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(1, 'at least 1').max(MAX_LIMIT, `at most ${MAX_LIMIT}`))
    .default(DEFAULT_LIMIT)
    .meta({ description: `items per page (1–${MAX_LIMIT})` }),
  cursor: z
    .string()
    .transform((s, ctx): Position => {
      const position = decodePosition(s);
      if (!position) {
        ctx.addIssue({
          code: 'custom',
          message: 'not a cursor this API issued; pass back the `next` of a previous page',
        });
        return z.NEVER;
      }
      return position;
    })
    .optional()
    .meta({ description: 'the `next` value of the previous page; opaque' }),
}));

const listFormat = lazy(() => ({
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .meta({ description: 'json: one page; csv: every matching row, with an HXL hashtag row' }),
}));

const FORMAT_HELP =
  'json: one page; csv: every matching row (UTF-8 with BOM, an HXL hashtag row under the header, one value per cell); geojson: every matching entry that has a place, as a FeatureCollection';

/** A view's list route takes its filters, paging and a format. */
export function listQuery(view: AnyView) {
  const check = view.checkQuery as
    ((q: unknown) => { path: string; message: string } | null) | undefined;
  const formats = view.geojson ? (['json', 'csv', 'geojson'] as const) : (['json', 'csv'] as const);
  const format = z.enum(formats).default('json').meta({ description: FORMAT_HELP });
  return z.strictObject({ ...view.filters, ...paging(), format }).superRefine((q, ctx) => {
    const problem = check?.(q);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
}

export const aidFlowGraphQuery = lazy(() => z.strictObject(corridorsView.filters));

export const articlesQuery = lazy(() =>
  z.strictObject({
    status: z
      .enum(['extracted', 'rejected', 'withdrawn'])
      .optional()
      .meta({ description: 'only articles with this outcome' }),
    updatedSince: updatedSinceParam().optional(),
    ...paging(),
    ...listFormat(),
  }),
);

export const articleEventsQuery = lazy(() => z.strictObject({ ...paging() }));
export const noQuery = lazy(() => z.strictObject({}));

/** What a sign-in page sends back to the dashboard (OAuth 2.0 authorization response). */
const oauthValue = (description: string) => z.string().max(2048).optional().meta({ description });
export const signInReturn = lazy(() =>
  z.strictObject({
    code: oauthValue('the authorization code, which the page trades for tokens'),
    state: oauthValue('the state the page sent, returned unchanged'),
    error: oauthValue('why the sign-in did not complete'),
    error_description: oauthValue('more about the error'),
  }),
);

export const articlePath = lazy(() =>
  z.strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an article id as /articles lists them')
      .meta({ description: 'article id', example: '3f9a1c0d2e4b5a6c7d8e9f01' }),
  }),
);

const fact = lazy(() => ({
  factIndex: z.number().int(),
  evidence: evidenceSchema(),
  confidence: z.number(),
}));

export const articleDetailSchema = lazy(() =>
  articleViewSchema()
    .extend({
      text: z.string().nullable().meta({
        description:
          'the normalised text that evidence offsets point into; null for rejected articles',
      }),
      // The facts as their events record them: the same schemas, so the two cannot drift.
      facts: z.object(
        Object.fromEntries(
          FACT_KINDS.map((k) => [k.key, z.array(z.object({ ...fact(), ...k.data.shape }))]),
        ),
      ),
    })
    .meta({ id: 'ArticleDetail' }),
);

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      next: z.string().nullable().meta({
        description: 'pass back as `cursor` for the following page; null on the last',
      }),
    })
    .meta({ id });

export const articlesPage = lazy(() => page(articleViewSchema(), 'ArticlesPage'));
export const eventsPage = lazy(() => page(ledgerEventSchema(), 'EventsPage'));

export const graphSchema = lazy(() =>
  z
    .object({
      nodes: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          code: z.string().nullable().meta({ description: 'ISO 3166-1 alpha-3 for a country' }),
          side: z.enum(['donor', 'recipient']),
          value: z.number().meta({ description: 'sum of the values of its links' }),
        }),
      ),
      links: z.array(
        z.object({
          source: z.string(),
          target: z.string(),
          value: z
            .number()
            .meta({ description: 'how many independent reports the corridor stands on' }),
          corridorId: z.string(),
          itemGroups: z.array(z.enum(ITEM_GROUPS)),
          status: z.enum(AID_STATUSES).meta({ description: 'the corridor’s latest status' }),
        }),
      ),
      truncated: z
        .boolean()
        .meta({ description: 'true when more flows matched than one graph holds' }),
    })
    .meta({ id: 'AidFlowGraph' }),
);

export const dashboardConfigSchema = lazy(() =>
  z
    .object({
      publicRead: z
        .boolean()
        .meta({ description: 'whether the facts are readable without a token' }),
      auth: z
        .object({
          authorizeUrl: z.string(),
          tokenUrl: z.string(),
          logoutUrl: z.string(),
          clientId: z.string(),
          scopes: z.array(z.string()),
        })
        .nullable()
        .meta({ description: 'OAuth 2.0 authorization code flow with PKCE; null without sign-in' }),
      maxUploadBytes: z.number().int(),
    })
    .meta({ id: 'DashboardConfig' }),
);

export const healthSchema = lazy(() =>
  z.object({ status: z.literal('ok') }).meta({ id: 'Health' }),
);

export const problemSchema = lazy(() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string(),
      instance: z.string(),
      errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
    })
    .meta({ id: 'Problem', description: 'RFC 9457 problem details' }),
);

export type Problem = z.infer<ReturnType<typeof problemSchema>>;
export type Graph = z.infer<ReturnType<typeof graphSchema>>;
export type ArticleDetail = Omit<z.infer<ReturnType<typeof articleDetailSchema>>, 'facts'> & {
  facts: FactsByKey<z.infer<z.ZodObject<ReturnType<typeof fact>>>>;
};
