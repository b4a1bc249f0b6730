/**
 * The API's contract as zod schemas: the handlers validate every query parameter with these, and
 * /openapi.json is generated from the very same objects, so the documentation cannot drift from
 * what is enforced. Response schemas are checked against the read-model types with `satisfies`.
 */
import * as z from 'zod';
import {
  AidFlowReported,
  CaseCountReported,
  EvidenceSchema,
  HappeningReported,
  LedgerEventSchema,
  PartialDateSchema,
} from '../domain/events';
import {
  AID_STATUSES,
  HAPPENING_TYPES,
  METRICS,
  QUALIFIERS,
  REJECTION_CODES,
} from '../domain/extractor/types';
import type {
  AidFlowEntry,
  AidFlowStatus,
  ArticleView,
  CaseCountEntry,
  Source,
  TimelineEntry,
} from '../domain/projections/model';
import { decodePosition, type Position } from './paging';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date at the precision a person would type it; `2022` means the whole year. */
export const DateParam = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const [, m, d] = s.split('-').map(Number);
    if (m === undefined) return true;
    if (m < 1 || m > 12) return false;
    if (d === undefined) return true;
    const leap =
      Number(s.slice(0, 4)) % 4 === 0 &&
      (Number(s.slice(0, 4)) % 100 !== 0 || Number(s.slice(0, 4)) % 400 === 0);
    return d >= 1 && d <= (m === 2 && !leap ? 28 : DAYS_IN_MONTH[m - 1]!);
  }, 'not a calendar date')
  .meta({
    description: 'YYYY, YYYY-MM or YYYY-MM-DD; a partial date covers its whole year or month',
    example: '2021-09-23',
  });

const text = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'at most 200 characters')
    .meta({ description });

const paging = {
  limit: z.coerce
    .number<string>()
    .int('must be a whole number')
    .min(1, 'at least 1')
    .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
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
};

const listFormat = {
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .meta({ description: 'csv: one page as CSV with an HXL hashtag row under the header' }),
};

const dateBounds = { from: DateParam.optional(), to: DateParam.optional() };
const fromNotAfterTo = [
  (q: { from?: string | undefined; to?: string | undefined }) =>
    !q.from || !q.to || q.from.slice(0, q.to.length) <= q.to,
  { path: ['to'], message: 'must not be before `from`' },
] satisfies [unknown, unknown];

export const TimelineQuery = z
  .strictObject({
    ...dateBounds,
    type: z.enum(HAPPENING_TYPES).optional().meta({ description: 'kind of happening' }),
    location: text('a country or place among the entry’s subjects (case-insensitive)').optional(),
    q: text('words to find in the summary, subjects or evidence (case-insensitive)').optional(),
    ...paging,
    ...listFormat,
  })
  .refine(...fromNotAfterTo);

const aidFlowFilters = {
  donor: text('donor name (case-insensitive, exact)').optional(),
  recipient: text('recipient name (case-insensitive, exact)').optional(),
  status: z
    .enum(AID_STATUSES)
    .optional()
    .meta({ description: 'flows whose reported history includes this status' }),
  item: text('part of an item’s name (case-insensitive)').optional(),
};

export const AidFlowsQuery = z.strictObject({ ...aidFlowFilters, ...paging, ...listFormat });
export const AidFlowGraphQuery = z.strictObject(aidFlowFilters);

export const CaseCountsQuery = z
  .strictObject({
    ...dateBounds,
    location: text('location name (case-insensitive, exact)').optional(),
    metric: z.enum(METRICS).optional().meta({ description: 'what was counted' }),
    ...paging,
    ...listFormat,
  })
  .refine(...fromNotAfterTo);

export const ArticlesQuery = z.strictObject({
  status: z
    .enum(['extracted', 'rejected'])
    .optional()
    .meta({ description: 'only articles with this outcome' }),
  ...paging,
  ...listFormat,
});

export const ArticleEventsQuery = z.strictObject({ ...paging });
export const NoQuery = z.strictObject({});

export const ArticlePath = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an article id as /articles lists them')
    .meta({ description: 'article id', example: '3f9a1c0d2e4b5a6c7d8e9f01' }),
});

// ---------------------------------------------------------------- responses

export const SourceSchema = z
  .object({
    articleId: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: PartialDateSchema.nullable(),
    evidence: EvidenceSchema.meta({
      description: 'the sentence that states the fact, with UTF-16 offsets into the article text',
    }),
    confidence: z.number(),
  })
  .meta({ id: 'Source' }) satisfies z.ZodType<Source>;

const sourced = {
  confidence: z.number().meta({ description: 'corroborated confidence of the entry, 0–1' }),
  sourceCount: z
    .number()
    .int()
    .meta({
      description: 'how many articles report it; `sources` holds the most confident of them',
    }),
  sources: z.array(SourceSchema),
};

export const TimelineEntrySchema = z
  .object({
    id: z.string(),
    date: PartialDateSchema.meta({
      description: 'YYYY[-MM[-DD]], or --MM[-DD] when no source gives the year',
    }),
    type: z.enum(HAPPENING_TYPES),
    summary: z.string(),
    subjects: z.array(z.string()),
    ...sourced,
  })
  .meta({ id: 'TimelineEntry' }) satisfies z.ZodType<TimelineEntry>;

export const CaseCountEntrySchema = z
  .object({
    id: z.string(),
    location: z.string().nullable(),
    metric: z.enum(METRICS),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS),
    asOf: PartialDateSchema.nullable(),
    ...sourced,
  })
  .meta({ id: 'CaseCountEntry' }) satisfies z.ZodType<CaseCountEntry>;

const AidFlowStatusSchema = z
  .object({
    status: z.enum(AID_STATUSES),
    date: PartialDateSchema.nullable(),
    sourceCount: z.number().int(),
    sources: z.array(SourceSchema),
  })
  .meta({ id: 'AidFlowStatus' }) satisfies z.ZodType<AidFlowStatus>;

export const AidFlowEntrySchema = z
  .object({
    id: z.string(),
    donor: z.string().nullable(),
    recipient: z.string().nullable(),
    items: z.array(z.string()),
    quantities: z.array(z.object({ value: z.number(), unit: z.string() })),
    routes: z.array(z.string()),
    statuses: z
      .array(AidFlowStatusSchema)
      .meta({ description: 'the flow’s history, oldest first, undated last' }),
    ...sourced,
  })
  .meta({ id: 'AidFlowEntry' }) satisfies z.ZodType<AidFlowEntry>;

export const ArticleSchema = z
  .object({
    id: z.string(),
    status: z.enum(['extracted', 'rejected']),
    fileName: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: PartialDateSchema.nullable(),
    receivedAt: z.string(),
    source: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().nullable() }),
    extractorVersion: z.string(),
    extractionSeq: z.number().int().nullable(),
    language: z.string().nullable(),
    textKey: z.string().nullable(),
    counts: z.object({
      aidFlows: z.number().int(),
      caseCounts: z.number().int(),
      timeline: z.number().int(),
    }),
    rejection: z.object({ reason: z.enum(REJECTION_CODES), detail: z.string() }).nullable(),
  })
  .meta({ id: 'Article' }) satisfies z.ZodType<ArticleView>;

const fact = { factIndex: z.number().int(), evidence: EvidenceSchema, confidence: z.number() };

export const ArticleDetailSchema = ArticleSchema.extend({
  text: z
    .string()
    .nullable()
    .meta({
      description:
        'the normalised text that evidence offsets point into; null for rejected articles',
    }),
  // The facts as their events record them: the same schemas, so the two cannot drift.
  facts: z.object({
    aidFlows: z.array(z.object({ ...fact, ...AidFlowReported.shape.data.shape })),
    caseCounts: z.array(z.object({ ...fact, ...CaseCountReported.shape.data.shape })),
    timeline: z.array(z.object({ ...fact, ...HappeningReported.shape.data.shape })),
  }),
}).meta({ id: 'ArticleDetail' });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      next: z
        .string()
        .nullable()
        .meta({ description: 'pass back as `cursor` for the following page; null on the last' }),
    })
    .meta({ id });

export const TimelinePage = page(TimelineEntrySchema, 'TimelinePage');
export const AidFlowsPage = page(AidFlowEntrySchema, 'AidFlowsPage');
export const CaseCountsPage = page(CaseCountEntrySchema, 'CaseCountsPage');
export const ArticlesPage = page(ArticleSchema, 'ArticlesPage');
export const EventsPage = page(LedgerEventSchema, 'EventsPage');

export const GraphSchema = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        side: z.enum(['donor', 'recipient']),
        value: z.number().meta({ description: 'sum of the values of its links' }),
      }),
    ),
    links: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        value: z.number().meta({ description: 'how many articles report the flow' }),
        flowId: z.string(),
        items: z.array(z.string()),
        status: z.enum(AID_STATUSES).meta({ description: 'the latest status reported' }),
      }),
    ),
    truncated: z
      .boolean()
      .meta({ description: 'true when more flows matched than one graph holds' }),
  })
  .meta({ id: 'AidFlowGraph' });

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.infer<typeof ProblemSchema>;
export type Graph = z.infer<typeof GraphSchema>;
export type ArticleDetail = z.infer<typeof ArticleDetailSchema>;
