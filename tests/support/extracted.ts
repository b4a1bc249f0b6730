import { extractArticle } from '../../src/domain/extractor';
import type { ExtractedArticle } from '../../src/domain/extractor/types';

/** The facts found in a text of our own, published on the given date; fails unless extracted. */
export function extracted(text: string, publishedAt: string): ExtractedArticle {
  const out = extractArticle({
    fileName: 'article.txt',
    bytes: new TextEncoder().encode(text),
    metadata: { publishedAt },
  });
  if (out.kind !== 'extracted') throw new Error(`expected an extraction, got ${out.reason}`);
  return out;
}
