/**
 * The events of one extraction of an article: ArticleExtracted and one event per fact the store
 * admits (src/domain/admission.ts), all in one commit so the projector never sees half of it.
 */
import { admitFacts, contributionKeysBytes, MAX_CONTRIBUTION_KEYS_BYTES } from './admission';
import type { Correlation, ExtractionRef, NewEvent } from './events';
import type { ArticleFacts, PreparedArticle } from './extractor/types';
import { FACT_KINDS } from './facts';
import { fingerprintOf } from './fingerprint';

export interface ExtractionContext {
  extraction: ExtractionRef;
  correlation: Correlation;
  fileName: string;
  receivedAt: string;
  textKey: string;
}

const kb = (bytes: number) => Math.round(bytes / 1024);

function factEvents(facts: ArticleFacts, common: object): NewEvent[] {
  let factIndex = 0;
  return FACT_KINDS.flatMap((kind) =>
    facts[kind.key].map(
      ({ evidence, confidence, ...data }) =>
        ({
          type: kind.eventType,
          schemaVersion: kind.schemaVersion,
          ...common,
          factIndex: factIndex++,
          evidence,
          confidence,
          data,
        }) as NewEvent,
    ),
  );
}

/** The events of one extraction, or why it cannot be stored at all. */
export function extractionEvents(
  articleId: string,
  article: PreparedArticle,
  found: ArticleFacts,
  context: ExtractionContext,
): NewEvent[] | { tooManyFacts: string } {
  const { facts, warnings } = admitFacts(found);
  const keyBytes = contributionKeysBytes(articleId, facts, article.publishedAt);
  if (keyBytes > MAX_CONTRIBUTION_KEYS_BYTES) {
    const count = FACT_KINDS.reduce((n, kind) => n + facts[kind.key].length, 0);
    return {
      tooManyFacts: `the article yields ${count} facts, whose entries in the views would take ${kb(keyBytes)} KB, more than one article may hold (${kb(MAX_CONTRIBUTION_KEYS_BYTES)} KB); split it into smaller articles`,
    };
  }
  const common = {
    extractorVersion: article.extractorVersion,
    correlation: context.correlation,
    extraction: context.extraction,
  };
  return [
    {
      type: 'ArticleExtracted',
      schemaVersion: 3,
      ...common,
      data: {
        fileName: context.fileName,
        receivedAt: context.receivedAt,
        title: article.title,
        url: article.url,
        publishedAt: article.publishedAt,
        format: article.format,
        language: article.language,
        textLength: article.text.length,
        textKey: context.textKey,
        counts: Object.fromEntries(FACT_KINDS.map((kind) => [kind.key, facts[kind.key].length])),
        fingerprint: fingerprintOf(article.text),
        warnings: [...article.warnings, ...warnings],
      },
    },
    ...factEvents(facts, common),
  ];
}
