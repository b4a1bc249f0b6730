/**
 * The extractor's contract: what goes in (an uploaded file and its metadata) and what comes out
 * (facts with provenance, or a typed rejection). Pure data; no AWS, no I/O.
 */

import type { AidFlowData } from '../facts/aid-flow';
import type { CaseCountData } from '../facts/case-count';
import type { HappeningData } from '../facts/happening';
import type { Evidence } from '../partial-date';
import type { RejectionCode } from '../rejections';

export type { RejectionCode } from '../rejections';

/**
 * Dates are ISO 8601 at the precision the text supports: YYYY, YYYY-MM, YYYY-MM-DD, or the
 * year-less --MM and --MM-DD when the year cannot be known.
 */
export type PartialDate = string;

export interface Quantity {
  value: number;
  unit: string;
}

/** What the extractor adds to every fact: where the text states it, and how sure it is. */
interface Provenance {
  evidence: Evidence;
  confidence: number;
}

export type AidFlowFact = AidFlowData & Provenance;
export type CaseCountFact = CaseCountData & Provenance;
export type HappeningFact = HappeningData & Provenance;

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
  /** What the upload states beside its text (metadata, envelope, front matter), once checked. */
  stated: { title: string | null; url: string | null; publishedAt: PartialDate | null };
  /** Stated values that were passed over or shortened, in sentences for the analyst. */
  warnings: string[];
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
