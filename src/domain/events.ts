/**
 * The event vocabulary of the ledger. Every event is a fact in the past tense, carries its schema
 * version, the extractor version that produced it, the S3 object it came from and when it was
 * recorded. Schemas are zod so the store validates what it reads as well as what it writes.
 */
import * as z from 'zod';
import {
  AID_STATUSES,
  HAPPENING_TYPES,
  METRICS,
  QUALIFIERS,
  REJECTION_CODES,
} from './extractor/types';

export const PartialDateSchema = z
  .string()
  .regex(
    /^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$/,
    'YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD',
  );

export const EvidenceSchema = z.object({
  sentence: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const CorrelationSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  versionId: z.string().nullable(),
});
export type Correlation = z.infer<typeof CorrelationSchema>;

export const ExtractionRefSchema = z.object({
  /** Stable id of one extraction run over one article: the commit that carries its facts. */
  id: z.string(),
  /** Increases by one each time the article is extracted again; the latest one is authoritative. */
  seq: z.number().int().positive(),
});
export type ExtractionRef = z.infer<typeof ExtractionRefSchema>;

const envelope = {
  eventId: z.string(),
  streamId: z.string(),
  articleId: z.string(),
  /** Position of the commit in its stream (1-based) and of the event within the commit. */
  version: z.number().int().positive(),
  index: z.number().int().nonnegative(),
  recordedAt: z.string(),
  extractorVersion: z.string(),
  correlation: CorrelationSchema,
};

const factEnvelope = {
  ...envelope,
  extraction: ExtractionRefSchema,
  /** Position of the fact within its extraction, so a fact has a stable identity inside it. */
  factIndex: z.number().int().nonnegative(),
  evidence: EvidenceSchema,
  confidence: z.number().min(0).max(1),
};

export const ArticleReceived = z.object({
  ...envelope,
  type: z.literal('ArticleReceived'),
  schemaVersion: z.literal(1),
  data: z.object({
    fileName: z.string(),
    contentType: z.string().nullable(),
    size: z.number().int().nonnegative(),
    /** SHA-256 of the raw bytes, to tell a re-upload of the same object from a new one. */
    contentSha256: z.string(),
  }),
});

export const ArticleExtracted = z.object({
  ...envelope,
  type: z.literal('ArticleExtracted'),
  schemaVersion: z.literal(1),
  extraction: ExtractionRefSchema,
  data: z.object({
    /** Name and time of the article's first upload, so any extraction commit can be projected alone. */
    fileName: z.string(),
    receivedAt: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: PartialDateSchema.nullable(),
    format: z.string(),
    language: z.string(),
    textLength: z.number().int().nonnegative(),
    /** S3 key of the normalised text that evidence offsets point into. */
    textKey: z.string(),
    counts: z.object({
      aidFlows: z.number().int(),
      caseCounts: z.number().int(),
      timeline: z.number().int(),
    }),
  }),
});

export const ArticleRejected = z.object({
  ...envelope,
  type: z.literal('ArticleRejected'),
  schemaVersion: z.literal(1),
  data: z.object({
    fileName: z.string(),
    reason: z.enum(REJECTION_CODES),
    detail: z.string(),
  }),
});

export const ExtractionSuperseded = z.object({
  ...envelope,
  type: z.literal('ExtractionSuperseded'),
  schemaVersion: z.literal(1),
  data: z.object({
    superseded: ExtractionRefSchema,
    supersededBy: ExtractionRefSchema,
    previousExtractorVersion: z.string(),
  }),
});

export const AidFlowReported = z.object({
  ...factEnvelope,
  type: z.literal('AidFlowReported'),
  schemaVersion: z.literal(2),
  data: z.object({
    donor: z.string().nullable(),
    recipient: z.string().nullable(),
    items: z.array(z.string()),
    quantity: z.object({ value: z.number(), unit: z.string() }).nullable(),
    status: z.enum(AID_STATUSES),
    route: z.array(z.string()),
    date: PartialDateSchema.nullable(),
  }),
});

export const CaseCountReported = z.object({
  ...factEnvelope,
  type: z.literal('CaseCountReported'),
  schemaVersion: z.literal(1),
  data: z.object({
    location: z.string().nullable(),
    metric: z.enum(METRICS),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS),
    asOf: PartialDateSchema.nullable(),
  }),
});

export const HappeningReported = z.object({
  ...factEnvelope,
  type: z.literal('HappeningReported'),
  schemaVersion: z.literal(1),
  data: z.object({
    date: PartialDateSchema,
    type: z.enum(HAPPENING_TYPES),
    summary: z.string(),
    subjects: z.array(z.string()),
  }),
});

export const LedgerEventSchema = z.discriminatedUnion('type', [
  ArticleReceived,
  ArticleExtracted,
  ArticleRejected,
  ExtractionSuperseded,
  AidFlowReported,
  CaseCountReported,
  HappeningReported,
]);

export type LedgerEvent = z.infer<typeof LedgerEventSchema>;
export type LedgerEventType = LedgerEvent['type'];
export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;
export type FactEvent = EventOf<'AidFlowReported' | 'CaseCountReported' | 'HappeningReported'>;

export const isFactEvent = (e: LedgerEvent): e is FactEvent =>
  e.type === 'AidFlowReported' || e.type === 'CaseCountReported' || e.type === 'HappeningReported';

/** An event as the decider proposes it, before the store gives it a position and a time. */
export type NewEvent = LedgerEvent extends infer E
  ? E extends LedgerEvent
    ? Omit<E, 'eventId' | 'version' | 'index' | 'recordedAt' | 'streamId' | 'articleId'>
    : never
  : never;
