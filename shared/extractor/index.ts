import type { ArticleInput, ExtractionOutcome } from './types';

export const EXTRACTOR_VERSION = '0.0.1-skeleton';

/** Walking-skeleton extractor: decodes text and reports no facts yet. */
export function extractArticle(input: ArticleInput): ExtractionOutcome {
  const text = new TextDecoder('utf-8').decode(input.bytes).replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) {
    return { kind: 'rejected', extractorVersion: EXTRACTOR_VERSION, reason: 'empty', detail: 'the file has no text' };
  }
  const firstLine = text.split('\n', 1)[0] ?? '';
  return {
    kind: 'extracted',
    extractorVersion: EXTRACTOR_VERSION,
    title: input.metadata?.title ?? (firstLine.slice(0, 200) || null),
    url: input.metadata?.sourceUrl ?? null,
    publishedAt: input.metadata?.publishedAt ?? null,
    format: 'text',
    language: 'en',
    text,
    aidFlows: [],
    caseCounts: [],
    timeline: [],
  };
}
