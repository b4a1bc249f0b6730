import { describe, expect, it } from 'vitest';
import type { RecordUpload, Reextract } from '../../src/domain/article';
import type { NewEvent } from '../../src/domain/events';
import type { ExtractedArticle } from '../../src/domain/extractor/types';
import { fingerprintOf } from '../../src/domain/fingerprint';
import { aidFlow, caseCount, evidence, extracted, happening, prepared } from '../support/builders';
import { given } from '../support/decider-spec';

const correlation = (key: string) => ({ bucket: 'b', key, versionId: null });

function upload(
  key: string,
  outcome: ExtractedArticle = extracted(),
  counter = { found: 0 },
): RecordUpload {
  const { article, facts } = prepared(outcome);
  return {
    type: 'RecordUpload',
    articleId: 'a1',
    upload: {
      correlation: correlation(key),
      fileName: key.split('/').pop()!,
      contentType: 'text/plain',
      size: 10,
      contentSha256: 'h',
      receivedAt: '2024-01-01T00:00:00.000Z',
    },
    article,
    textKey: 'text/a1.txt',
    present: true,
    findFacts: () => {
      counter.found++;
      return facts;
    },
  };
}

function reextract(outcome: ExtractedArticle, counter = { found: 0 }): Reextract {
  const { article, facts } = prepared(outcome);
  return {
    type: 'Reextract',
    articleId: 'a1',
    article,
    textKey: 'text/a1.txt',
    findFacts: () => {
      counter.found++;
      return facts;
    },
  };
}

const received = (key: string, extractorVersion = 'test-1'): NewEvent => ({
  type: 'ArticleReceived',
  schemaVersion: 1,
  extractorVersion,
  correlation: correlation(key),
  data: {
    fileName: key.split('/').pop()!,
    contentType: 'text/plain',
    size: 10,
    contentSha256: 'h',
  },
});

const extraction = (
  seq: number,
  key = 'articles/x.txt',
  extractorVersion = 'test-1',
  counts = { aidFlows: 0, caseCounts: 0, timeline: 0 },
): NewEvent => ({
  type: 'ArticleExtracted',
  schemaVersion: 3,
  extractorVersion,
  correlation: correlation(key),
  extraction: { id: `a1.x${seq}`, seq },
  data: {
    fileName: key.split('/').pop()!,
    receivedAt: '2024-01-01T00:00:00.000Z',
    title: 'A title',
    url: null,
    publishedAt: null,
    format: 'text',
    language: 'en',
    textLength: 4,
    textKey: 'text/a1.txt',
    counts,
    fingerprint: fingerprintOf('text'),
    warnings: [],
  },
});

const tested = caseCount();
const testedEvent = (seq: number, factIndex: number, extractorVersion = 'test-1'): NewEvent => {
  const { evidence: ev, confidence, ...data } = tested;
  return {
    type: 'CaseCountReported',
    schemaVersion: 2,
    extractorVersion,
    correlation: correlation('articles/x.txt'),
    extraction: { id: `a1.x${seq}`, seq },
    factIndex,
    evidence: ev,
    confidence,
    data,
  };
};

describe('RecordUpload', () => {
  it('given no history, when an article is uploaded, then it is received and extracted in one commit, facts numbered in kind order', () => {
    const outcome = extracted({
      caseCounts: [tested],
      aidFlows: [aidFlow()],
      timeline: [happening()],
    });
    const events = given().when(upload('articles/x.txt', outcome)).decided();
    expect(events.map((e) => e.type)).toEqual([
      'ArticleReceived',
      'ArticleExtracted',
      'AidFlowReported',
      'CaseCountReported',
      'HappeningReported',
    ]);
    expect(events.slice(0, 2)).toEqual([
      received('articles/x.txt'),
      extraction(1, 'articles/x.txt', 'test-1', { aidFlows: 1, caseCounts: 1, timeline: 1 }),
    ]);
    expect(events[3]).toEqual(testedEvent(1, 1));
  });

  it('given the object was already received, when S3 delivers its event again, then nothing is appended and no fact is looked for', () => {
    const counter = { found: 0 };
    given([received('articles/x.txt'), extraction(1)])
      .when(upload('articles/x.txt', extracted(), counter))
      .thenNothing();
    expect(counter.found).toBe(0);
  });

  it('given the same text arrived under another key, when it is uploaded, then only the receipt is recorded', () => {
    const counter = { found: 0 };
    given([received('articles/x.txt'), extraction(1)])
      .when(upload('articles/copy.txt', extracted(), counter))
      .then([received('articles/copy.txt')]);
    expect(counter.found).toBe(0);
  });

  it('given bad input, when it is uploaded, then the rejection and its reason are recorded', () => {
    const command: RecordUpload = {
      ...upload('articles/x.pdf'),
      article: {
        kind: 'rejected',
        extractorVersion: 'v',
        reason: 'binary',
        detail: 'looks like a PDF',
      },
    };
    given()
      .when(command)
      .then([
        { ...received('articles/x.pdf', 'v') },
        {
          type: 'ArticleRejected',
          schemaVersion: 2,
          extractorVersion: 'v',
          correlation: correlation('articles/x.pdf'),
          data: { fileName: 'x.pdf', reason: 'binary', detail: 'looks like a PDF', seq: 1 },
        },
      ]);
  });
});

describe('Reextract', () => {
  const history = [
    received('articles/x.txt'),
    extraction(1, 'articles/x.txt', 'test-1', { aidFlows: 0, caseCounts: 1, timeline: 0 }),
    testedEvent(1, 0),
  ];

  it('given an extraction by the same extractor version, then nothing is appended and no fact is looked for', () => {
    const counter = { found: 0 };
    given(history)
      .when(reextract(extracted({ caseCounts: [tested] }), counter))
      .thenNothing();
    expect(counter.found).toBe(0);
  });

  it('given a newer extractor that finds the same facts, then nothing is appended', () => {
    given(history)
      .when(reextract(extracted({ extractorVersion: 'test-2', caseCounts: [tested] })))
      .thenNothing();
  });

  it('given a newer extractor that finds other facts, then the old extraction is superseded by a new one with the next sequence', () => {
    const more = caseCount({ metric: 'deaths', value: 3, evidence: evidence('Three died.') });
    const { evidence: ev, confidence, ...data } = more;
    given(history)
      .when(reextract(extracted({ extractorVersion: 'test-2', caseCounts: [tested, more] })))
      .then([
        {
          type: 'ExtractionSuperseded',
          schemaVersion: 1,
          extractorVersion: 'test-2',
          correlation: correlation('articles/x.txt'),
          data: {
            superseded: { id: 'a1.x1', seq: 1 },
            supersededBy: { id: 'a1.x2', seq: 2 },
            previousExtractorVersion: 'test-1',
          },
        },
        extraction(2, 'articles/x.txt', 'test-2', { aidFlows: 0, caseCounts: 2, timeline: 0 }),
        testedEvent(2, 0, 'test-2'),
        {
          type: 'CaseCountReported',
          schemaVersion: 2,
          extractorVersion: 'test-2',
          correlation: correlation('articles/x.txt'),
          extraction: { id: 'a1.x2', seq: 2 },
          factIndex: 1,
          evidence: ev,
          confidence,
          data,
        },
      ]);
  });

  it('given a rejected upload, then there is nothing to re-extract', () => {
    given([
      received('articles/x.pdf'),
      {
        type: 'ArticleRejected',
        schemaVersion: 2,
        extractorVersion: 'test-1',
        correlation: correlation('articles/x.pdf'),
        data: { fileName: 'x.pdf', reason: 'binary', detail: 'a PDF', seq: 1 },
      },
    ])
      .when(reextract(extracted({ extractorVersion: 'test-2' })))
      .thenNothing();
  });
});
