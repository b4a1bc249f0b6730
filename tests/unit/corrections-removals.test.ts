/**
 * Metadata corrections and removed uploads (issue 14, item 8), from upload to views: the same
 * text uploaded again stating another title, source or publication date corrects the article and
 * re-dates its facts; an object removed from the bucket withdraws the article's facts from the
 * views once none of its uploads is left (the events stay), and an upload of it again shows it.
 */
import { describe, expect, it } from 'vitest';
import { inProcessExtractor } from '../../src/adapters/in-process-extractor';
import {
  MemoryEventStore,
  MemoryObjectStore,
  MemoryViewStore,
} from '../../src/adapters/memory-stores';
import { uploadOutcome } from '../../src/api/uploads';
import { ingestObject, reconcileKey } from '../../src/app/ingest';
import { projectCommit } from '../../src/app/projector';
import type { Commit } from '../../src/domain/commit';
import type { EventOf, LedgerEvent } from '../../src/domain/events';
import { projectAll } from '../../src/domain/projections/project-all';
import { readAllViews } from '../support/views';

const TEXT = `Relief flights reach the coast

The Red Cross said on Friday that 40 tonnes of medical supplies had arrived in Beira by air. Health officials reported 1,200 confirmed cholera cases in the province on Monday.`;

/** A bucket, an event store and views, with uploads going through the real ingest path. */
function world() {
  const events = new MemoryEventStore();
  const objects = new MemoryObjectStore();
  let clock = 0;
  const deps = {
    events,
    objects,
    extractor: inProcessExtractor,
    now: () => new Date(Date.UTC(2024, 0, 1, 0, 0, clock++)).toISOString(),
  };
  let version = 0;
  return {
    events,
    objects,
    async upload(key: string, text: string, metadata: Record<string, string> = {}) {
      const versionId = `v${++version}`;
      objects.removed.delete(`b/${key}`);
      objects.objects.set(`b/${key}`, {
        bytes: new TextEncoder().encode(text),
        contentType: 'text/plain',
        versionId,
        metadata,
      });
      return ingestObject(deps, { bucket: 'b', key, versionId });
    },
    async remove(key: string) {
      objects.remove('b', key);
      return reconcileKey(deps, { bucket: 'b', key });
    },
    commits(): Commit[] {
      return [...events.streams.values()].flat();
    },
    all(): LedgerEvent[] {
      return this.commits().flatMap((c) => c.events);
    },
  };
}

const of = <T extends LedgerEvent['type']>(events: LedgerEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

describe('metadata corrections', () => {
  it('given an undated article, when the same text is uploaded again stating a publication date and a title, then the correction is recorded and the facts are dated against it', async () => {
    const w = world();
    expect((await w.upload('articles/a.txt', TEXT)).outcome).toBe('ingested');
    const first = of(w.all(), 'ArticleExtracted')[0]!;
    expect(first.data.publishedAt).toBeNull();

    const again = await w.upload('articles/a-corrected.txt', TEXT, {
      publishedAt: '2021-10-07',
      title: 'Relief flights reach Beira',
    });

    expect(again.outcome).toBe('corrected');
    const [correction] = of(w.all(), 'ArticleMetadataCorrected');
    expect(correction!.data.changes).toEqual([
      { field: 'title', from: 'Relief flights reach the coast', to: 'Relief flights reach Beira' },
      { field: 'publishedAt', from: null, to: '2021-10-07' },
    ]);
    const latest = of(w.all(), 'ArticleExtracted')[1]!;
    expect(latest).toMatchObject({
      extraction: { seq: 2 },
      data: { title: 'Relief flights reach Beira', publishedAt: '2021-10-07' },
    });
    // "on Friday" is now a date: the latest Friday on or before Thursday 7 October 2021.
    const dates = of(w.all(), 'HappeningReported')
      .filter((e) => e.extraction.seq === 2)
      .map((e) => e.data.date);
    expect(dates).toContain('2021-10-01');
    const views = projectAll(w.commits());
    expect(views.articles).toEqual([
      expect.objectContaining({ title: 'Relief flights reach Beira', publishedAt: '2021-10-07' }),
    ]);
  });

  it('given a corrected article, an upload stating nothing, or the same again, changes nothing but adds a receipt', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT, { publishedAt: '2021-10-07' });
    expect((await w.upload('articles/b.txt', TEXT)).outcome).toBe('duplicate');
    expect((await w.upload('articles/c.txt', TEXT, { publishedAt: '2021-10-07' })).outcome).toBe(
      'duplicate',
    );
    expect(of(w.all(), 'ArticleExtracted')).toHaveLength(1);
    expect(of(w.all(), 'ArticleReceived')).toHaveLength(3);
  });

  it('given an upload, a correction and a duplicate, then /uploads/outcome reports each as recorded: ingested, corrected (with the new extraction’s counts), duplicate', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT);
    await w.upload('articles/b.txt', TEXT, { title: 'Relief flights reach Beira' });
    await w.upload('articles/c.txt', TEXT, { title: 'Relief flights reach Beira' });
    const outcome = (key: string, versionId: string) =>
      uploadOutcome({ events: w.events, bucket: 'b' }, { key, versionId });
    expect(await outcome('articles/a.txt', 'v1')).toMatchObject({ outcome: 'ingested' });
    const corrected = await outcome('articles/b.txt', 'v2');
    expect(corrected).toMatchObject({ outcome: 'corrected', rejection: null });
    expect(corrected.counts).toEqual(of(w.all(), 'ArticleExtracted')[1]!.data.counts);
    expect(await outcome('articles/c.txt', 'v3')).toMatchObject({
      outcome: 'duplicate',
      counts: null,
    });
  });

  it('given a correction of the title only, a later one of the date keeps the corrected title', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT);
    await w.upload('articles/b.txt', TEXT, { title: 'Corrected title' });
    await w.upload('articles/c.txt', TEXT, { publishedAt: '2022-01-05' });
    expect(projectAll(w.commits()).articles[0]).toMatchObject({
      title: 'Corrected title',
      publishedAt: '2022-01-05',
      extractionSeq: 3,
    });
  });
});

describe('removed uploads', () => {
  it('given an article uploaded under one key, when that object is removed, then the article is withdrawn and its facts leave the views; the events stay', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT, { publishedAt: '2021-10-07' });
    const before = projectAll(w.commits());
    expect(before.timeline.length + before.caseCounts.length).toBeGreaterThan(0);

    const [result] = await w.remove('articles/a.txt');

    expect(result).toMatchObject({ outcome: 'withdrawn' });
    const after = projectAll(w.commits());
    expect(after.timeline).toEqual([]);
    expect(after.caseCounts).toEqual([]);
    expect(after.aidFlows).toEqual([]);
    expect(after.articles).toEqual([
      expect.objectContaining({ status: 'withdrawn', textKey: null, publishedAt: '2021-10-07' }),
    ]);
    expect(of(w.all(), 'HappeningReported').length).toBeGreaterThan(0);
    // Delivered again, the removal appends nothing.
    expect((await w.remove('articles/a.txt'))[0]!.outcome).toBe('redelivered');
  });

  it('given the same article under two keys, removing one leaves it shown and removing both withdraws it', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT);
    await w.upload('articles/b.txt', TEXT);
    expect((await w.remove('articles/a.txt'))[0]!.outcome).toBe('removed');
    expect(projectAll(w.commits()).articles[0]!.status).toBe('extracted');
    expect((await w.remove('articles/b.txt'))[0]!.outcome).toBe('withdrawn');
    expect(projectAll(w.commits()).articles[0]!.status).toBe('withdrawn');
  });

  it('given a withdrawn article, when it is uploaded again, then it is shown again with its facts', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT);
    await w.remove('articles/a.txt');
    expect((await w.upload('articles/a.txt', TEXT)).outcome).toBe('reinstated');
    const views = projectAll(w.commits());
    expect(views.articles[0]).toMatchObject({ status: 'extracted', extractionSeq: 3 });
    expect(views.caseCounts.length).toBeGreaterThan(0);
  });

  it('given a rejected upload removed and uploaded again, then it is withdrawn and then rejected again', async () => {
    const w = world();
    await w.upload('articles/x.txt', '');
    await w.remove('articles/x.txt');
    expect(projectAll(w.commits()).articles[0]!.status).toBe('withdrawn');
    // The same bytes under the same key: the same rejected article, shown again.
    await w.upload('articles/x.txt', '');
    expect(projectAll(w.commits()).articles[0]).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'empty' },
    });
  });

  it('given an upload whose key was deleted before it was ingested, then it is recorded as removed and nothing is shown', async () => {
    const w = world();
    w.objects.objects.set('b/articles/late.txt', {
      bytes: new TextEncoder().encode(TEXT),
      contentType: 'text/plain',
      versionId: 'v1',
      metadata: {},
    });
    w.objects.remove('b', 'articles/late.txt');
    const result = await ingestObject(
      {
        events: w.events,
        objects: w.objects,
        extractor: inProcessExtractor,
        now: () => '2024-01-01T00:00:00.000Z',
      },
      { bucket: 'b', key: 'articles/late.txt', versionId: 'v1' },
    );
    expect(result.outcome).toBe('removed');
    expect(projectAll(w.commits()).articles).toEqual([]);
  });

  it('the projector, applying the commits one by one in any order, gives the views projectAll gives', async () => {
    const w = world();
    await w.upload('articles/a.txt', TEXT);
    await w.upload(
      'articles/b.txt',
      `Another report\n\n${TEXT.split('\n\n')[1]} Officials added more.`,
    );
    await w.remove('articles/a.txt');
    await w.upload('articles/a.txt', TEXT, { publishedAt: '2021-10-07' });
    const commits = w.commits();
    const expected = projectAll(commits);
    for (const order of [commits, [...commits].reverse()]) {
      const views = new MemoryViewStore();
      for (const c of order) await projectCommit(views, c);
      expect(await readAllViews(views)).toEqual(expected);
    }
  });
});
