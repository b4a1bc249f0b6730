import { describe, expect, it } from 'vitest';
import { decideIngest, decideReextraction } from '../../src/domain/decider';
import type { RejectedArticle } from '../../src/domain/extractor/types';
import { aidFlow, caseCount, extracted, happening, ingestCommit } from '../support/builders';

const upload = (
  key: string,
  outcome = extracted({
    caseCounts: [caseCount()],
    aidFlows: [aidFlow()],
    timeline: [happening()],
  }),
) => ({
  articleId: 'a1',
  correlation: { bucket: 'b', key, versionId: null },
  fileName: key.split('/').pop()!,
  contentType: 'text/plain',
  size: 10,
  contentSha256: 'h',
  textKey: 'text/a1.txt',
  receivedAt: '2024-01-01T00:00:00.000Z',
  outcome,
});

describe('decideIngest', () => {
  it('given no history, when an article is uploaded, then it is received and extracted in one commit', () => {
    const events = decideIngest([], upload('articles/x.txt'));
    expect(events.map((e) => e.type)).toEqual([
      'ArticleReceived',
      'ArticleExtracted',
      'AidFlowReported',
      'CaseCountReported',
      'HappeningReported',
    ]);
    expect(
      events.filter((e) => 'factIndex' in e).map((e) => (e as { factIndex: number }).factIndex),
    ).toEqual([0, 1, 2]);
  });

  it('given the object was already received, when S3 delivers its event again, then nothing is appended', () => {
    const history = ingestCommit('a1', extracted(), 'articles/x.txt').events;
    expect(decideIngest(history, upload('articles/x.txt'))).toEqual([]);
  });

  it('given the same text arrived under another key, when it is uploaded, then only the receipt is recorded', () => {
    const history = ingestCommit('a1', extracted(), 'articles/x.txt').events;
    expect(decideIngest(history, upload('articles/copy.txt')).map((e) => e.type)).toEqual([
      'ArticleReceived',
    ]);
  });

  it('given bad input, when it is uploaded, then the rejection and its reason are recorded', () => {
    const rejected: RejectedArticle = {
      kind: 'rejected',
      extractorVersion: 'v',
      reason: 'binary',
      detail: 'looks like a PDF',
    };
    const events = decideIngest([], upload('articles/x.pdf', rejected as never));
    expect(events.map((e) => e.type)).toEqual(['ArticleReceived', 'ArticleRejected']);
    expect(events[1]).toMatchObject({ data: { reason: 'binary', detail: 'looks like a PDF' } });
  });
});

describe('decideReextraction', () => {
  it('given an extraction by the same extractor version, then nothing is appended', () => {
    const history = ingestCommit('a1', extracted()).events;
    expect(decideReextraction(history, extracted(), 'text/a1.txt')).toEqual([]);
  });

  it('given a newer extractor, then the old extraction is superseded by a new one with the next sequence', () => {
    const history = ingestCommit('a1', extracted()).events;
    const events = decideReextraction(
      history,
      extracted({ extractorVersion: 'test-2', caseCounts: [caseCount()] }),
      'text/a1.txt',
    );
    expect(events.map((e) => e.type)).toEqual([
      'ExtractionSuperseded',
      'ArticleExtracted',
      'CaseCountReported',
    ]);
    expect(events[0]).toMatchObject({
      data: {
        superseded: { seq: 1 },
        supersededBy: { seq: 2 },
        previousExtractorVersion: 'test-1',
      },
    });
  });
});
