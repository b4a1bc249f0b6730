/**
 * A budget of work for fact finding (issue 14, item 2): an article whose facts would take many
 * times the work of prose is a too_complex rejection that says why, recorded by ingest like any
 * other rejection, rather than minutes of work, a commit too large to store or a timeout.
 */
import { describe, expect, it } from 'vitest';
import { multipliedFlows } from '../../bench/pathological';
import { inProcessExtractor } from '../../src/adapters/in-process-extractor';
import { MemoryEventStore, MemoryObjectStore } from '../../src/adapters/memory-stores';
import { ingestObject } from '../../src/app/ingest';
import { TooComplexError } from '../../src/domain/errors';
import type { EventOf } from '../../src/domain/events';
import { extractArticle, findFacts, prepareArticle } from '../../src/domain/extractor';
import type { PreparedArticle } from '../../src/domain/extractor/types';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const NEWS =
  'UNICEF delivered 20,000 doses of cholera vaccine to Malawi on Monday, the health ministry said. Since January 1,200 cases have been reported in the country.';

describe('the work budget of fact finding', () => {
  it('given 200 KB of clauses naming forty givers and forty receivers each, then the article is rejected as too_complex, saying why', () => {
    const outcome = extractArticle({
      fileName: 'flows.txt',
      bytes: bytesOf(multipliedFlows(200 * 1024)),
    });
    expect(outcome).toMatchObject({ kind: 'rejected', reason: 'too_complex' });
    expect(outcome.kind === 'rejected' && outcome.detail).toMatch(
      /steps of work.*split or simplify it/,
    );
  });

  it('given one such sentence in a short article, then its flows are found (every article may take a floor of work)', () => {
    const outcome = extractArticle({ fileName: 'flows.txt', bytes: bytesOf(multipliedFlows(1)) });
    expect(outcome.kind === 'extracted' && outcome.aidFlows.length).toBeGreaterThan(100);
  });

  it('given prose and a budget of one step per token, then findFacts throws TooComplexError, the error ingest records as a rejection', () => {
    const article = prepareArticle({ fileName: 'news.txt', bytes: bytesOf(NEWS.repeat(2000)) });
    expect(() => findFacts(article as PreparedArticle, { stepsPerToken: 1 })).toThrow(
      TooComplexError,
    );
  });

  it('when such an upload is ingested, then it is recorded as rejected: too_complex, with the reason', async () => {
    const events = new MemoryEventStore();
    const objects = new MemoryObjectStore();
    objects.objects.set('b/articles/flows.txt', {
      bytes: bytesOf(multipliedFlows(200 * 1024)),
      contentType: 'text/plain',
      versionId: null,
      metadata: {},
    });
    const result = await ingestObject(
      { events, objects, extractor: inProcessExtractor, now: () => '2024-01-01T00:00:00.000Z' },
      { bucket: 'b', key: 'articles/flows.txt', versionId: null },
    );
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'too_complex' });
    const stored = [...events.streams.values()].flat().flatMap((c) => c.events);
    const rejected = stored.find((e) => e.type === 'ArticleRejected') as EventOf<'ArticleRejected'>;
    expect(rejected.data.detail).toMatch(/steps of work/);
    expect(stored.some((e) => e.type === 'ArticleExtracted')).toBe(false);
  });
});
