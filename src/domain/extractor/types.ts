/**
 * The extractor's contract: what goes in (an uploaded file and its metadata) and what comes out
 * (facts with provenance, or a typed rejection). Pure data; no AWS, no I/O.
 */

import type { AidStatus } from '../facts/aid-flow';
import type { Metric, Qualifier } from '../facts/case-count';
import type { HappeningType } from '../facts/happening';
import type { Evidence } from '../partial-date';
import type { RejectionCode } from '../rejections';

export { AID_STATUSES, type AidStatus } from '../facts/aid-flow';
export { METRICS, QUALIFIERS, type Metric, type Qualifier } from '../facts/case-count';
export { HAPPENING_TYPES, type HappeningType } from '../facts/happening';

export { REJECTION_CODES, type RejectionCode } from '../rejections';

/**
 * Dates are ISO 8601 at the precision the text supports: YYYY, YYYY-MM, YYYY-MM-DD, or the
 * year-less --MM and --MM-DD when the year cannot be known.
 */
export type PartialDate = string;

export type { Evidence } from '../partial-date';

export interface Quantity {
  value: number;
  unit: string;
}

export interface AidFlowFact {
  donor: string | null;
  recipient: string | null;
  items: string[];
  quantity: Quantity | null;
  status: AidStatus;
  route: string[];
  date: PartialDate | null;
  evidence: Evidence;
  confidence: number;
}

export interface CaseCountFact {
  location: string | null;
  metric: Metric;
  value: number;
  qualifier: Qualifier;
  asOf: PartialDate | null;
  evidence: Evidence;
  confidence: number;
}

export interface HappeningFact {
  date: PartialDate;
  type: HappeningType;
  summary: string;
  /** Canonical names of the countries and organisations the sentence mentions; used to recognise the same happening across articles. */
  subjects: string[];
  evidence: Evidence;
  confidence: number;
}

export interface UploadMetadata {
  title?: string;
  sourceUrl?: string;
  publishedAt?: string;
}

export interface ArticleInput {
  /** File name without folders; its extension picks the parser (.txt, .md, .html, .json). */
  fileName: string;
  bytes: Uint8Array;
  contentType?: string;
  metadata?: UploadMetadata;
}

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json';

export interface ExtractedArticle {
  kind: 'extracted';
  extractorVersion: string;
  title: string | null;
  url: string | null;
  publishedAt: PartialDate | null;
  format: ArticleFormat;
  language: string;
  /** The normalised plain text that every evidence offset points into. */
  text: string;
  aidFlows: AidFlowFact[];
  caseCounts: CaseCountFact[];
  timeline: HappeningFact[];
}

/** An article decoded and normalised, before any fact is looked for. */
export interface PreparedArticle {
  kind: 'prepared';
  extractorVersion: string;
  title: string | null;
  url: string | null;
  publishedAt: PartialDate | null;
  format: ArticleFormat;
  language: string;
  /** The normalised plain text that every evidence offset points into. */
  text: string;
  /** Spans of the text that are datelines, which date the article rather than a happening. */
  datelines: [number, number][];
}

export interface ArticleFacts {
  aidFlows: AidFlowFact[];
  caseCounts: CaseCountFact[];
  timeline: HappeningFact[];
}

export interface RejectedArticle {
  kind: 'rejected';
  extractorVersion: string;
  reason: RejectionCode;
  /** A sentence a person can act on, e.g. "file is 2.4 MB; the limit is 2 MB". */
  detail: string;
}

export type ExtractionOutcome = ExtractedArticle | RejectedArticle;
