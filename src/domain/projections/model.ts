/**
 * The read models' shared vocabulary. A fact reported by an article becomes a Contribution to a
 * group (the same fact as other articles report it); a group assembles its contributions into
 * entries that list every source. What a group and its entries are is up to each fact kind
 * (src/domain/facts); everything here is a pure function of the contributions, never of their order.
 */
import * as z from 'zod';
import { lazy } from '../lazy';
import { REJECTION_CODES } from '../rejections';
import { attributionSchema } from '../facts/attribution';
import { evidenceSchema, partialDateSchema } from '../partial-date';

export const sourceSchema = lazy(() =>
  z
    .object({
      articleId: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: partialDateSchema().nullable(),
      evidence: z.array(evidenceSchema()).meta({
        description:
          'the sentences of the article that state the fact, with UTF-16 offsets into its text',
      }),
      confidence: z.number().meta({ description: 'the most confident of its statements, 0–1' }),
      attribution: attributionSchema().nullable().meta({
        description: 'who the article says states the fact; null when it states it itself',
      }),
      rewriteOf: z.string().nullable().meta({
        description:
          'the article this one rewrites (the same story, reworded or republished), which it does not independently confirm; null for an independent report',
      }),
    })
    .meta({ id: 'Source' }),
);
export type Source = z.infer<ReturnType<typeof sourceSchema>>;

/** One fact's statement in one article, as a contribution carries it. */
export interface Statement {
  articleId: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  evidence: z.infer<ReturnType<typeof evidenceSchema>>;
  confidence: number;
  attribution: z.infer<ReturnType<typeof attributionSchema>> | null;
}

/** One article's fact in a group, with what the projector needs to keep it current. */
export interface Contribution<D = unknown> {
  view: string;
  groupKey: string;
  articleId: string;
  factIndex: number;
  extractionSeq: number;
  /** When the extraction was recorded: an entry is as recent as its latest contribution. */
  recordedAt: string;
  /** The article's near-duplicate fingerprint (src/domain/fingerprint.ts), null if unknown. */
  fingerprint: string | null;
  statement: Statement;
  fact: D;
}

/** Identifies a group, or with articleId and factIndex one contribution in it. */
export interface GroupRef {
  view: string;
  groupKey: string;
  articleId?: string;
  factIndex?: number;
}

/**
 * Where one entry is listed: the whole list of its view (facet '') or one facet partition
 * (`recipient` = `PRK`), at a sort key. A list request reads one partition in sort-key order.
 */
export interface IndexRow {
  facet: string;
  value: string;
  sk: string;
  entryId: string;
}

export interface GroupState {
  view: string;
  groupKey: string;
  rev: number;
  entries: unknown[];
  /** Every place the entries are listed; empty when the group has no entries (it then leaves every list). */
  index: IndexRow[];
}

export const articleViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      status: z.enum(['extracted', 'rejected', 'withdrawn']).meta({
        description:
          'withdrawn: every upload of the article was removed from the bucket; its facts left the views',
      }),
      fileName: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: partialDateSchema().nullable(),
      receivedAt: z.string(),
      updatedAt: z.string().meta({
        description: 'when its outcome was last recorded (a re-extraction changes it), ISO 8601',
      }),
      source: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().nullable() }),
      extractorVersion: z.string(),
      extractionSeq: z.number().int().nullable(),
      language: z.string().nullable(),
      textKey: z.string().nullable(),
      counts: z
        .record(z.string(), z.number().int())
        .meta({ description: 'facts of each kind, by view name' }),
      rejection: z.object({ reason: z.enum(REJECTION_CODES), detail: z.string() }).nullable(),
      warnings: z.array(z.string()).meta({
        description:
          'what the upload stated but was passed over or shortened (metadata that does not parse, facts dated off the calendar), one sentence each',
      }),
    })
    .meta({ id: 'Article' }),
);
export type ArticleView = z.infer<ReturnType<typeof articleViewSchema>>;

/** An article as the projector keeps it: its view plus the bookkeeping that makes projection idempotent. */
export interface ArticleRecord {
  articleId: string;
  rev: number;
  /** Sequence of the extraction whose facts the views show. */
  extractionSeq: number;
  /** Contributions of that extraction. */
  contributionKeys: GroupRef[];
  /** Set while an extraction is being applied: every key that may hold a contribution of this article. */
  pendingKeys: GroupRef[] | null;
  view: ArticleView;
}
