/**
 * The event vocabulary of the ledger. Every event is a fact in the past tense, carries its schema
 * version, the extractor version that produced it, the S3 object it came from and when it was
 * recorded. Schemas are zod so the store validates what it reads as well as what it writes.
 */
import * as z from 'zod';
import { lazy } from './lazy';
import { REJECTION_CODES } from './rejections';
import { FACT_KINDS, type AnyFactKind, type FactData, type FactEventType } from './facts';
import { evidenceSchema, partialDateSchema } from './partial-date';

/**
 * The event schemas, built on first use rather than at import: they are most of the zod work a
 * cold start would do (`npm run bench:coldstart`).
 */
const envelopes = lazy(() => {
  const CorrelationSchema = z.object({
    bucket: z.string(),
    key: z.string(),
    versionId: z.string().nullable(),
  });

  const ExtractionRefSchema = z.object({
    /** Stable id of one extraction run over one article: the commit that carries its facts. */
    id: z.string(),
    /** Increases by one each time the article is extracted again; the latest one is authoritative. */
    seq: z.number().int().positive(),
  });

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
    evidence: evidenceSchema(),
    confidence: z.number().min(0).max(1),
  };

  return { CorrelationSchema, ExtractionRefSchema, envelope, factEnvelope };
});

const articleEvents = lazy(() => {
  const { envelope, ExtractionRefSchema } = envelopes();
  const ArticleReceived = z.object({
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

  const ArticleExtracted = z.object({
    ...envelope,
    type: z.literal('ArticleExtracted'),
    schemaVersion: z.literal(3),
    extraction: ExtractionRefSchema,
    data: z.object({
      /** Name and time of the article's first upload, so any extraction commit can be projected alone. */
      fileName: z.string(),
      receivedAt: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: partialDateSchema().nullable(),
      format: z.string(),
      language: z.string(),
      textLength: z.number().int().nonnegative(),
      /** S3 key of the normalised text that evidence offsets point into. */
      textKey: z.string(),
      /** Facts of each kind, by kind. */
      counts: z.record(z.string(), z.number().int()),
      /** Near-duplicate fingerprint of the text (src/domain/fingerprint.ts); null when unknown. */
      fingerprint: z.string().nullable(),
      /** What was passed over or shortened (metadata that does not parse, facts off the calendar). */
      warnings: z.array(z.string()),
    }),
  });

  const ArticleRejected = z.object({
    ...envelope,
    type: z.literal('ArticleRejected'),
    schemaVersion: z.literal(2),
    data: z.object({
      fileName: z.string(),
      reason: z.enum(REJECTION_CODES),
      detail: z.string(),
      /** Where this outcome stands among the article's outcomes (see ArticleExtracted's seq). */
      seq: z.number().int().nonnegative(),
    }),
  });

  const ExtractionSuperseded = z.object({
    ...envelope,
    type: z.literal('ExtractionSuperseded'),
    schemaVersion: z.literal(1),
    data: z.object({
      superseded: ExtractionRefSchema,
      supersededBy: ExtractionRefSchema,
      previousExtractorVersion: z.string(),
    }),
  });

  return [ArticleReceived, ArticleExtracted, ArticleRejected, ExtractionSuperseded] as const;
});

const uploadEvents = lazy(() => {
  const { envelope, ExtractionRefSchema } = envelopes();
  const FIELDS = ['title', 'url', 'publishedAt'] as const;

  /**
   * The same text was uploaded again stating other metadata (a corrected title, source or
   * publication date): the fields that change, and in the same commit an extraction carrying them,
   * whose facts are dated anew against the corrected date.
   */
  const ArticleMetadataCorrected = z.object({
    ...envelope,
    type: z.literal('ArticleMetadataCorrected'),
    schemaVersion: z.literal(1),
    data: z.object({
      fileName: z.string(),
      changes: z.array(
        z.object({
          field: z.enum(FIELDS),
          from: z.string().nullable(),
          to: z.string().nullable(),
        }),
      ),
    }),
  });

  /**
   * The object at a key was removed from the bucket (a delete marker, or its versions deleted);
   * every upload of the article under that key stops counting. The events stay.
   */
  const UploadRemoved = z.object({
    ...envelope,
    type: z.literal('UploadRemoved'),
    schemaVersion: z.literal(1),
    data: z.object({ fileName: z.string() }),
  });

  /** The key's object is back (its delete marker was deleted): its uploads count again. */
  const UploadRestored = z.object({
    ...envelope,
    type: z.literal('UploadRestored'),
    schemaVersion: z.literal(1),
    data: z.object({ fileName: z.string() }),
  });

  /**
   * Every upload of the article has been removed: its facts leave the views, as an outcome after
   * the latest (it takes the next seq); an upload of it again shows it again. It carries what the
   * views show of a withdrawn article, so it can be projected on its own.
   */
  const ArticleWithdrawn = z.object({
    ...envelope,
    type: z.literal('ArticleWithdrawn'),
    schemaVersion: z.literal(1),
    extraction: ExtractionRefSchema,
    data: z.object({
      fileName: z.string(),
      receivedAt: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: partialDateSchema().nullable(),
    }),
  });

  return [ArticleMetadataCorrected, UploadRemoved, UploadRestored, ArticleWithdrawn] as const;
});

export type Correlation = z.infer<ReturnType<typeof envelopes>['CorrelationSchema']>;
export type ExtractionRef = z.infer<ReturnType<typeof envelopes>['ExtractionRefSchema']>;

/** The event that reports a fact of one kind: the fact envelope around the kind's data. */
const factEventSchema = (kind: AnyFactKind) =>
  z.object({
    ...envelopes().factEnvelope,
    type: z.literal(kind.eventType),
    schemaVersion: z.literal(kind.schemaVersion),
    data: kind.data,
  });

type FactEventOf<T extends FactEventType> = z.infer<
  z.ZodObject<ReturnType<typeof envelopes>['factEnvelope']>
> & {
  type: T;
  schemaVersion: number;
  data: FactData<Extract<AnyFactKind, { eventType: T }>>;
};
export type FactEvent = { [T in FactEventType]: FactEventOf<T> }[FactEventType];

type LifecycleEvent = z.infer<
  ReturnType<typeof articleEvents>[number] | ReturnType<typeof uploadEvents>[number]
>;

export type LedgerEvent = LifecycleEvent | FactEvent;

export const ledgerEventSchema = lazy(
  () =>
    z.discriminatedUnion('type', [
      ...articleEvents(),
      ...uploadEvents(),
      ...FACT_KINDS.map(factEventSchema),
    ]) as unknown as z.ZodType<LedgerEvent>,
);

type LedgerEventType = LedgerEvent['type'];
export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

export const isFactEvent = (e: LedgerEvent): e is FactEvent =>
  FACT_KINDS.some((k) => k.eventType === e.type);

/** An event as the decider proposes it, before the store gives it a position and a time. */
export type NewEvent = LedgerEvent extends infer E
  ? E extends LedgerEvent
    ? Omit<E, 'eventId' | 'version' | 'index' | 'recordedAt' | 'streamId' | 'articleId'>
    : never
  : never;
