/** Builders for commits as the deciders would produce them, for specification-style tests. */
import type { Extractor } from '../../src/app/ports';
import { buildCommit, type Commit } from '../../src/domain/commit';
import { decide, evolve, initialState } from '../../src/domain/article';
import type {
  AidFlowFact,
  ArticleFacts,
  CaseCountFact,
  ExtractedArticle,
  HappeningFact,
  PreparedArticle,
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
  disease: null,
  period: 'cumulative',
  attribution: null,
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
  disease: null,
  attribution: null,
  evidence: evidence('WHO started shipping medical supplies through Dalian.'),
  confidence: 0.7,
  ...over,
});

export const happening = (over: Partial<HappeningFact> = {}): HappeningFact => ({
  date: '--09-23',
  type: 'cases',
  summary: 'North Korea reports 40,700 people tested',
  subjects: ['North Korea'],
  attribution: null,
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

/** An extractor's outcome as the decider takes it: the prepared article and its facts. */
export function prepared(outcome: ExtractedArticle): {
  article: PreparedArticle;
  facts: ArticleFacts;
} {
  const { aidFlows, caseCounts, timeline, kind: _kind, ...article } = outcome;
  return {
    article: {
      ...article,
      kind: 'prepared',
      datelines: [],
      stated: { title: article.title, url: article.url, publishedAt: article.publishedAt },
      warnings: [],
    },
    facts: { aidFlows, caseCounts, timeline },
  };
}

/** The first commit of an article's stream: received and extracted. */
export function ingestCommit(
  articleId: string,
  outcome: ExtractedArticle,
  key = `articles/${articleId}.txt`,
): Commit {
  const { article, facts } = prepared(outcome);
  const events = decide(
    {
      type: 'RecordUpload',
      articleId,
      upload: {
        correlation: { bucket: 'b', key, versionId: null },
        fileName: key.split('/').pop()!,
        contentType: 'text/plain',
        size: outcome.text.length,
        contentSha256: 'x',
        receivedAt: tick(),
      },
      article,
      textKey: `text/${articleId}.txt`,
      present: true,
      findFacts: () => facts,
    },
    initialState(),
  );
  return buildCommit({
    streamId: streamIdOf(articleId),
    articleId,
    expectedVersion: 0,
    events,
    recordedAt: tick(),
  });
}

/** The commit that records the same text uploaded again under another key. */
export function copyCommit(history: Commit[], key: string): Commit {
  const state = history.flatMap((c) => c.events).reduce(evolve, initialState());
  const last = history.at(-1)!;
  const { article, facts } = prepared(extracted());
  const events = decide(
    {
      type: 'RecordUpload',
      articleId: last.articleId,
      upload: {
        correlation: { bucket: 'b', key, versionId: null },
        fileName: key.split('/').pop()!,
        contentType: null,
        size: 1,
        contentSha256: 'x',
        receivedAt: tick(),
      },
      article,
      textKey: `text/${last.articleId}.txt`,
      present: true,
      findFacts: () => facts,
    },
    state,
  );
  return buildCommit({
    streamId: last.streamId,
    articleId: last.articleId,
    expectedVersion: last.version,
    events,
    recordedAt: tick(),
  });
}

/** The commit a re-extraction appends after `history`. */
export function reextractCommit(history: Commit[], outcome: ExtractedArticle): Commit {
  const state = history.flatMap((c) => c.events).reduce(evolve, initialState());
  const last = history.at(-1)!;
  const { article, facts } = prepared(outcome);
  const events = decide(
    {
      type: 'Reextract',
      articleId: last.articleId,
      article,
      textKey: `text/${last.articleId}.txt`,
      findFacts: () => facts,
    },
    state,
  );
  return buildCommit({
    streamId: last.streamId,
    articleId: last.articleId,
    expectedVersion: last.version,
    events,
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
  const events = decide(
    {
      type: 'RecordUpload',
      articleId,
      upload: {
        correlation: { bucket: 'b', key, versionId: null },
        fileName: key.split('/').pop()!,
        contentType: null,
        size: 0,
        contentSha256: 'x',
        receivedAt: tick(),
      },
      article: { kind: 'rejected', extractorVersion: 'test-1', reason, detail },
      textKey: `text/${articleId}.txt`,
      present: true,
      findFacts: () => ({ aidFlows: [], caseCounts: [], timeline: [] }),
    },
    initialState(),
  );
  return buildCommit({
    streamId: streamIdOf(articleId),
    articleId,
    expectedVersion: 0,
    events,
    recordedAt: tick(),
  });
}

/** An extractor that finds exactly this outcome in whatever it is given. */
export function stubExtractor(outcome: ExtractedArticle | RejectedArticle): Extractor {
  if (outcome.kind === 'rejected')
    return {
      version: outcome.extractorVersion,
      prepare: async () => outcome,
      findFacts: async () => ({ aidFlows: [], caseCounts: [], timeline: [] }),
    };
  const { article, facts } = prepared(outcome);
  return {
    version: outcome.extractorVersion,
    prepare: async () => article,
    findFacts: async () => facts,
  };
}
