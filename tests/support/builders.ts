/** Builders for commits as the deciders would produce them, for specification-style tests. */
import { buildCommit, type Commit } from '../../src/domain/commit';
import { decideIngest, decideReextraction } from '../../src/domain/decider';
import type { LedgerEvent } from '../../src/domain/events';
import type {
  AidFlowFact,
  CaseCountFact,
  ExtractedArticle,
  HappeningFact,
  RejectedArticle,
} from '../../src/domain/extractor/types';
import { streamIdOf } from '../../src/domain/ids';

export const evidence = (sentence: string) => ({ sentence, start: 0, end: sentence.length });

export const caseCount = (over: Partial<CaseCountFact> = {}): CaseCountFact => ({
  location: 'North Korea',
  metric: 'tested',
  value: 40700,
  qualifier: 'exact',
  asOf: '--09-23',
  evidence: evidence('It has tested 40,700 people through Sept. 23.'),
  confidence: 0.8,
  ...over,
});

export const aidFlow = (over: Partial<AidFlowFact> = {}): AidFlowFact => ({
  donor: 'WHO',
  recipient: 'North Korea',
  items: ['medical supplies'],
  quantity: null,
  status: 'shipped',
  route: ['Dalian'],
  date: null,
  evidence: evidence('WHO started shipping medical supplies through Dalian.'),
  confidence: 0.7,
  ...over,
});

export const happening = (over: Partial<HappeningFact> = {}): HappeningFact => ({
  date: '--09-23',
  type: 'cases',
  summary: 'North Korea reports 40,700 people tested',
  subjects: ['North Korea'],
  evidence: evidence('It has tested 40,700 people through Sept. 23.'),
  confidence: 0.6,
  ...over,
});

export function extracted(over: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    kind: 'extracted',
    extractorVersion: 'test-1',
    title: 'A title',
    url: null,
    publishedAt: null,
    format: 'text',
    language: 'en',
    text: 'text',
    aidFlows: [],
    caseCounts: [],
    timeline: [],
    ...over,
  };
}

let clock = 0;
const tick = () => new Date(Date.UTC(2024, 0, 1, 0, 0, clock++)).toISOString();

/** The first commit of an article's stream: received and extracted. */
export function ingestCommit(
  articleId: string,
  outcome: ExtractedArticle,
  key = `articles/${articleId}.txt`,
): Commit {
  const events = decideIngest([], {
    articleId,
    correlation: { bucket: 'b', key, versionId: null },
    fileName: key.split('/').pop()!,
    contentType: 'text/plain',
    size: outcome.text.length,
    contentSha256: 'x',
    textKey: `text/${articleId}.txt`,
    receivedAt: tick(),
    outcome,
  });
  return buildCommit({
    streamId: streamIdOf(articleId),
    articleId,
    expectedVersion: 0,
    events,
    recordedAt: tick(),
  });
}

/** The commit a re-extraction appends after `history`. */
export function reextractCommit(history: Commit[], outcome: ExtractedArticle): Commit {
  const events: LedgerEvent[] = history.flatMap((c) => c.events);
  const last = history.at(-1)!;
  const decided = decideReextraction(events, outcome, `text/${last.articleId}.txt`);
  return buildCommit({
    streamId: last.streamId,
    articleId: last.articleId,
    expectedVersion: last.version,
    events: decided,
    recordedAt: tick(),
  });
}

/** The first commit of a rejected upload's stream. */
export function rejectedCommit(
  articleId: string,
  reason: RejectedArticle['reason'],
  detail: string,
  key = `articles/${articleId}.bin`,
): Commit {
  const events = decideIngest([], {
    articleId,
    correlation: { bucket: 'b', key, versionId: null },
    fileName: key.split('/').pop()!,
    contentType: null,
    size: 0,
    contentSha256: 'x',
    textKey: null,
    receivedAt: tick(),
    outcome: { kind: 'rejected', extractorVersion: 'test-1', reason, detail },
  });
  return buildCommit({
    streamId: streamIdOf(articleId),
    articleId,
    expectedVersion: 0,
    events,
    recordedAt: tick(),
  });
}
