/**
 * The extractor's contract: what goes in (an uploaded file and its metadata) and what comes out
 * (facts with provenance, or a typed rejection). Pure data; no AWS, no I/O.
 */

export const AID_STATUSES = [
  'offered',
  'pledged',
  'requested',
  'discussed',
  'shipped',
  'delivered',
  'rejected',
  'redirected',
] as const;
export type AidStatus = (typeof AID_STATUSES)[number];

export const METRICS = [
  'tested',
  'confirmed',
  'suspected',
  'fever',
  'deaths',
  'recovered',
  'under_treatment',
  'vaccinated',
  'doses_administered',
] as const;
export type Metric = (typeof METRICS)[number];

export const QUALIFIERS = ['exact', 'approx', 'at_least', 'at_most'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const HAPPENING_TYPES = [
  'aid',
  'cases',
  'policy',
  'statement',
  'outbreak',
  'vaccination',
  'other',
] as const;
export type HappeningType = (typeof HAPPENING_TYPES)[number];

export const REJECTION_CODES = [
  'empty',
  'binary',
  'invalid_utf8',
  'too_large',
  'not_english',
  'malformed_envelope',
  'unsupported_format',
  'no_text',
  /** Stored by the ingest path, not the extractor: more facts than one atomic commit can hold. */
  'too_many_facts',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/**
 * Dates are ISO 8601 at the precision the text supports: YYYY, YYYY-MM, YYYY-MM-DD, or the
 * year-less --MM and --MM-DD when the year cannot be known.
 */
export type PartialDate = string;

/** Where in the normalised article text a fact was stated. Offsets are UTF-16 code units. */
export interface Evidence {
  sentence: string;
  start: number;
  end: number;
}

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

export interface RejectedArticle {
  kind: 'rejected';
  extractorVersion: string;
  reason: RejectionCode;
  /** A sentence a person can act on, e.g. "file is 2.4 MB; the limit is 2 MB". */
  detail: string;
}

export type ExtractionOutcome = ExtractedArticle | RejectedArticle;
