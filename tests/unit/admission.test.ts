/**
 * What the store admits (issue 14, items 1 and 3): no date the API would refuse, no string or
 * list that could outgrow a view item, no extraction whose keys cannot fit its article's view
 * item — and an upload is never lost over it: what is passed over is said in a warning, and what
 * cannot be stored at all is a rejection with a reason.
 */
import { describe, expect, it } from 'vitest';
import { MemoryEventStore, MemoryObjectStore } from '../../src/adapters/memory-stores';
import { ingestObject } from '../../src/app/ingest';
import type { Extractor } from '../../src/app/ports';
import type { EventOf, LedgerEvent } from '../../src/domain/events';
import { inProcessExtractor } from '../../src/adapters/in-process-extractor';
import { isCalendarPartialDate } from '../../src/domain/partial-date';
import { evidence, extracted, happening, stubExtractor } from '../support/builders';

const realExtractor: Extractor = inProcessExtractor;

const TEXT = `WHO ships test kits to North Korea

WHO said on Friday that it had shipped 20,000 test kits to North Korea through Dalian on Sept. 23. The country has tested 40,700 people through Sept. 23, officials said last year. UNICEF delivered vaccines in March.`;

async function ingest(
  extractor: Extractor,
  metadata: Record<string, string> = {},
  body = TEXT,
): Promise<{ result: Awaited<ReturnType<typeof ingestObject>>; events: LedgerEvent[] }> {
  const events = new MemoryEventStore();
  const objects = new MemoryObjectStore();
  objects.objects.set('b/articles/a.txt', {
    bytes: new TextEncoder().encode(body),
    contentType: 'text/plain',
    versionId: null,
    metadata,
  });
  const result = await ingestObject(
    { events, objects, extractor, now: () => '2024-01-01T00:00:00.000Z' },
    { bucket: 'b', key: 'articles/a.txt', versionId: null },
  );
  return { result, events: [...events.streams.values()].flat().flatMap((c) => c.events) };
}

/** Every string in the events that is written as a date. */
const datesIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? /^(-?\d+-\d{2}(-\d{2})?|--\d{2}(-\d{2})?)$/.test(value)
      ? [value]
      : []
    : Array.isArray(value)
      ? value.flatMap(datesIn)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(datesIn)
        : [];

describe('dates the API would refuse never enter the store', () => {
  it.each(['9999-99-99', '0000-00-00', '2021-02-30', '2021-13-45'])(
    'given published-at metadata %s, then the upload is ingested, undated, with a warning, and every stored date is on the calendar',
    async (publishedAt) => {
      const { result, events } = await ingest(realExtractor, { publishedAt });
      expect(result.outcome).toBe('ingested');
      const extractedEvent = events.find(
        (e): e is EventOf<'ArticleExtracted'> => e.type === 'ArticleExtracted',
      )!;
      expect(extractedEvent.data.publishedAt).toBeNull();
      expect(extractedEvent.data.warnings).toEqual([
        expect.stringContaining(`publication date in the upload metadata ('${publishedAt}')`),
      ]);
      const dates = events.flatMap((e) => datesIn({ ...e, recordedAt: null }));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.filter((d) => !isCalendarPartialDate(d))).toEqual([]);
    },
  );

  it('given a fact dated 2021-02-30 by the extractor, then that fact is left out with a warning and the others are kept', async () => {
    const { events } = await ingest(
      stubExtractor(
        extracted({
          timeline: [
            happening({ date: '2021-02-30', summary: 'off the calendar' }),
            happening({ date: '2021-02-28' }),
          ],
        }),
      ),
    );
    const facts = events.filter((e) => e.type === 'HappeningReported');
    expect(facts).toHaveLength(1);
    const article = events.find(
      (e) => e.type === 'ArticleExtracted',
    ) as EventOf<'ArticleExtracted'>;
    expect(article.data.counts.timeline).toBe(1);
    expect(article.data.warnings).toEqual([expect.stringContaining('dated 2021-02-30')]);
  });
});

describe('stored strings and lists are bounded', () => {
  it('given a 5,000-character evidence sentence and a happening naming 248 countries, then the sentence keeps its first 500 characters at the same offset and the subjects their first 50', async () => {
    const sentence = `Aid arrived ${'and more aid arrived '.repeat(250)}.`;
    const subjects = Array.from({ length: 248 }, (_, i) => `Country ${i}`);
    const { events } = await ingest(
      stubExtractor(
        extracted({
          timeline: [
            happening({ evidence: { sentence, start: 40, end: 40 + sentence.length }, subjects }),
          ],
        }),
      ),
    );
    const fact = events.find((e) => e.type === 'HappeningReported') as EventOf<'HappeningReported'>;
    expect(fact.evidence).toEqual({ sentence: sentence.slice(0, 500), start: 40, end: 540 });
    expect(fact.data.subjects).toHaveLength(50);
    const article = events.find(
      (e) => e.type === 'ArticleExtracted',
    ) as EventOf<'ArticleExtracted'>;
    expect(article.data.warnings).toHaveLength(2);
  });
});

describe('an extraction whose keys cannot fit its article’s view item', () => {
  it('given 3,024 dated sentences each naming twenty countries, then the upload is recorded as rejected: too_many_facts, saying why', async () => {
    const subjects = Array.from({ length: 20 }, (_, i) => `Republic of Somewhere ${i}`);
    const timeline = Array.from({ length: 3024 }, (_, i) =>
      happening({
        date: `20${String(10 + (i % 14)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        subjects,
        summary: `Happening ${i}`,
        evidence: evidence(`On that day happening ${i} took place.`),
      }),
    );
    const { result, events } = await ingest(stubExtractor(extracted({ timeline })));
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'too_many_facts' });
    const rejected = events.find((e) => e.type === 'ArticleRejected') as EventOf<'ArticleRejected'>;
    expect(rejected.data.detail).toMatch(/3024 facts.*views.*KB.*split it/);
  });
});
