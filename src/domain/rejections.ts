/** Why an upload was not extracted: the codes an ArticleRejected event carries and the API lists. */
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
  /** More work than one upload may take: markup nested too deep, or extraction past its budget. */
  'too_complex',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
