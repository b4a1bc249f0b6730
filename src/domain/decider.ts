/**
 * Deciders: given an article's history and what just happened, which events to append. Pure, so
 * the same input always yields the same commit, which is what makes redelivery idempotent.
 */
import type { Correlation, EventOf, ExtractionRef, LedgerEvent, NewEvent } from './events';
import type { ExtractedArticle, ExtractionOutcome } from './extractor/types';
import { extractionIdOf } from './ids';

export interface Upload {
  articleId: string;
  correlation: Correlation;
  fileName: string;
  contentType: string | null;
  size: number;
  contentSha256: string;
  textKey: string | null;
  receivedAt: string;
  outcome: ExtractionOutcome;
}

const sameObject = (a: Correlation, b: Correlation): boolean =>
  a.bucket === b.bucket && a.key === b.key && a.versionId === b.versionId;

/** A redelivered upload appends nothing; the same text under another key is recorded, not re-extracted. */
export function decideIngest(history: LedgerEvent[], upload: Upload): NewEvent[] {
  if (
    history.some(
      (e) => e.type === 'ArticleReceived' && sameObject(e.correlation, upload.correlation),
    )
  )
    return [];
  const { outcome, correlation } = upload;
  const received: NewEvent = {
    type: 'ArticleReceived',
    schemaVersion: 1,
    extractorVersion: outcome.extractorVersion,
    correlation,
    data: {
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      contentSha256: upload.contentSha256,
    },
  };
  if (history.length > 0) return [received];
  if (outcome.kind === 'rejected') {
    return [
      received,
      {
        type: 'ArticleRejected',
        schemaVersion: 1,
        extractorVersion: outcome.extractorVersion,
        correlation,
        data: { fileName: upload.fileName, reason: outcome.reason, detail: outcome.detail },
      },
    ];
  }
  const extraction = { id: extractionIdOf(upload.articleId, 1), seq: 1 };
  return [
    received,
    ...extractionEvents(
      outcome,
      extraction,
      correlation,
      upload.fileName,
      upload.receivedAt,
      upload.textKey ?? '',
    ),
  ];
}

/** Re-extraction appends a superseding extraction when the extractor has changed since the latest one. */
export function decideReextraction(
  history: LedgerEvent[],
  outcome: ExtractionOutcome,
  textKey: string,
): NewEvent[] {
  const latest = latestExtraction(history);
  if (
    !latest ||
    outcome.kind !== 'extracted' ||
    latest.extractorVersion === outcome.extractorVersion
  )
    return [];
  const next: ExtractionRef = {
    id: extractionIdOf(latest.articleId, latest.extraction.seq + 1),
    seq: latest.extraction.seq + 1,
  };
  return [
    {
      type: 'ExtractionSuperseded',
      schemaVersion: 1,
      extractorVersion: outcome.extractorVersion,
      correlation: latest.correlation,
      data: {
        superseded: latest.extraction,
        supersededBy: next,
        previousExtractorVersion: latest.extractorVersion,
      },
    },
    ...extractionEvents(
      outcome,
      next,
      latest.correlation,
      latest.data.fileName,
      latest.data.receivedAt,
      textKey,
    ),
  ];
}

export function latestExtraction(history: LedgerEvent[]): EventOf<'ArticleExtracted'> | null {
  let latest: EventOf<'ArticleExtracted'> | null = null;
  for (const e of history)
    if (e.type === 'ArticleExtracted' && (!latest || e.extraction.seq > latest.extraction.seq))
      latest = e;
  return latest;
}

export const firstReceipt = (history: LedgerEvent[]): EventOf<'ArticleReceived'> | null =>
  history.find((e): e is EventOf<'ArticleReceived'> => e.type === 'ArticleReceived') ?? null;

function extractionEvents(
  outcome: ExtractedArticle,
  extraction: ExtractionRef,
  correlation: Correlation,
  fileName: string,
  receivedAt: string,
  textKey: string,
): NewEvent[] {
  const common = { extractorVersion: outcome.extractorVersion, correlation, extraction };
  let factIndex = 0;
  const facts: NewEvent[] = [
    ...outcome.aidFlows.map(({ evidence, confidence, ...data }): NewEvent => ({
      type: 'AidFlowReported',
      schemaVersion: 2,
      ...common,
      factIndex: factIndex++,
      evidence,
      confidence,
      data,
    })),
    ...outcome.caseCounts.map(({ evidence, confidence, ...data }): NewEvent => ({
      type: 'CaseCountReported',
      schemaVersion: 1,
      ...common,
      factIndex: factIndex++,
      evidence,
      confidence,
      data,
    })),
    ...outcome.timeline.map(({ evidence, confidence, ...data }): NewEvent => ({
      type: 'HappeningReported',
      schemaVersion: 1,
      ...common,
      factIndex: factIndex++,
      evidence,
      confidence,
      data,
    })),
  ];
  return [
    {
      type: 'ArticleExtracted',
      schemaVersion: 1,
      ...common,
      data: {
        fileName,
        receivedAt,
        title: outcome.title,
        url: outcome.url,
        publishedAt: outcome.publishedAt,
        format: outcome.format,
        language: outcome.language,
        textLength: outcome.text.length,
        textKey,
        counts: {
          aidFlows: outcome.aidFlows.length,
          caseCounts: outcome.caseCounts.length,
          timeline: outcome.timeline.length,
        },
      },
    },
    ...facts,
  ];
}
