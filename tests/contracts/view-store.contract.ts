/**
 * What every read-model store (one version of the views) must do for its three callers: the
 * projector (ProjectionStore), the API (ViewReader) and a rebuild (ViewSnapshots). Each run gets
 * a store of its own.
 */
import { describe, expect, it } from 'vitest';
import type { ViewReader, ViewVersion } from '../../src/app/ports';
import { ViewConflictError } from '../../src/domain/errors';
import { MAX_CONTRIBUTION_KEYS_BYTES } from '../../src/domain/admission';
import type {
  ArticleRecord,
  Contribution,
  GroupRef,
  GroupState,
} from '../../src/domain/projections/model';
import { projectState } from '../../src/domain/projections/project-all';
import { caseCount, extracted, happening, ingestCommit } from '../support/builders';

export type ViewStoreUnderTest = ViewVersion;

export const article = (id: string, receivedAt: string, rev = 1): ArticleRecord => ({
  articleId: id,
  rev,
  extractionSeq: 1,
  contributionKeys: [],
  pendingKeys: null,
  view: {
    id,
    status: 'extracted',
    fileName: `${id}.txt`,
    title: id,
    url: null,
    publishedAt: null,
    receivedAt,
    updatedAt: receivedAt,
    source: { bucket: 'b', key: `articles/${id}.txt`, versionId: null },
    extractorVersion: 'v',
    extractionSeq: 1,
    language: 'en',
    textKey: null,
    counts: { aidFlows: 0, caseCounts: 0, timeline: 0 },
    rejection: null,
    warnings: [],
  },
});

const contribution = (groupKey: string, articleId: string, factIndex: number): Contribution => ({
  view: 'timeline',
  groupKey,
  articleId,
  factIndex,
  extractionSeq: 1,
  recordedAt: '2024-01-01T00:00:00.000Z',
  fingerprint: null,
  statement: {
    articleId,
    title: null,
    url: null,
    publishedAt: null,
    evidence: { sentence: 's', start: 0, end: 1 },
    confidence: 0.5,
    attribution: null,
  },
  fact: { n: factIndex },
});

/** A timeline group with one entry, listed at `sk` in the whole list and under `type=<type>`. */
export const group = (
  groupKey: string,
  sk: string | null,
  rev: number,
  type = 'aid',
): GroupState => ({
  view: 'timeline',
  groupKey,
  rev,
  entries: sk ? [{ id: groupKey, type }] : [],
  index: sk
    ? [
        { facet: '', value: '', sk, entryId: groupKey },
        { facet: 'type', value: type, sk, entryId: groupKey },
      ]
    : [],
});

export async function allListed(
  store: ViewReader,
  facet: { name: string; value: string } | null,
  pageSize: number,
): Promise<string[]> {
  const keys: string[] = [];
  for (let cursor: string | null = null; ;) {
    const page = await store.listEntries('timeline', { facet, cursor, limit: pageSize });
    keys.push(...page.items.map((i) => i.sk));
    if (!(cursor = page.next)) return keys;
  }
}

export function viewStoreContract(name: string, make: () => Promise<ViewStoreUnderTest>): void {
  describe(`view store contract: ${name}`, () => {
    it('creates an article only if it does not exist, and replaces it only at the revision read', async () => {
      const store = await make();
      await store.putArticle(article('a', '2024-01-01T00:00:00Z'), null);
      await expect(
        store.putArticle(article('a', '2024-01-01T00:00:00Z'), null),
      ).rejects.toBeInstanceOf(ViewConflictError);
      await expect(store.putArticle(article('a', 'x', 3), 2)).rejects.toBeInstanceOf(
        ViewConflictError,
      );
      await store.putArticle(article('a', '2024-01-01T00:00:00Z', 2), 1);
      expect((await store.getArticle('a'))?.rev).toBe(2);
      expect(await store.getArticle('missing')).toBeNull();
    });

    it('holds an article whose pending keys are two extractions of the largest the decider admits, with a longest title and warnings', async () => {
      const store = await make();
      const refs: GroupRef[] = [];
      const limit = 2 * MAX_CONTRIBUTION_KEYS_BYTES;
      for (let i = 0, bytes = 2; bytes < limit - 400; i++) {
        const ref = {
          view: 'timeline',
          groupKey: `2021-09-${i}|cases|${'x'.repeat(60)}`,
          articleId: 'big',
          factIndex: i,
        };
        bytes += JSON.stringify(ref).length + 1;
        refs.push(ref);
      }
      const record = article('big', '2024-01-01T00:00:00Z');
      const pending: ArticleRecord = {
        ...record,
        pendingKeys: refs,
        view: {
          ...record.view,
          title: 'T'.repeat(300),
          warnings: ['w'.repeat(300), 'v'.repeat(300)],
        },
      };
      await store.putArticle(pending, null);
      expect((await store.getArticle('big'))?.pendingKeys).toHaveLength(refs.length);
    });

    it('keeps contributions per group, deletes the ones named, and reads a group with its revision', async () => {
      const store = await make();
      await store.putContributions([contribution('g1', 'a', 0), contribution('g1', 'b', 1)]);
      await store.putContributions([contribution('g2', 'a', 2)]);
      await store.deleteContributions([
        { view: 'timeline', groupKey: 'g1', articleId: 'a', factIndex: 0 },
      ]);
      const read = await store.readGroup({ view: 'timeline', groupKey: 'g1' });
      expect(read.state).toBeNull();
      expect(read.contributions).toEqual([contribution('g1', 'b', 1)]);
    });

    it('touching a group raises its revision, so a recomputation that read it before cannot write', async () => {
      const store = await make();
      await store.writeGroup(group('t1', '2021|a', 0));
      const before = (await store.readGroup({ view: 'timeline', groupKey: 't1' })).state!;
      await store.touchGroups([{ view: 'timeline', groupKey: 't1' }]);
      await expect(
        store.writeGroup({ ...before, entries: [{ id: 'stale' }] }),
      ).rejects.toBeInstanceOf(ViewConflictError);
      const after = (await store.readGroup({ view: 'timeline', groupKey: 't1' })).state!;
      expect(after.rev).toBeGreaterThan(before.rev);
      await store.writeGroup({ ...after, entries: [{ id: 'fresh' }] });
    });

    it('lists entries in sort-key order, within a range, a page at a time, in the whole list and per facet value', async () => {
      const store = await make();
      const keys = ['2021-03|x', '2020-01|x', '2022-07|x', '2021-12|x'];
      for (const [i, k] of keys.entries())
        await store.writeGroup(group(`l${i}`, k, 0, i % 2 ? 'aid' : 'cases'));
      await store.writeGroup(group('empty', null, 0));
      expect(await allListed(store, null, 3)).toEqual([...keys].sort());
      expect(await allListed(store, { name: 'type', value: 'aid' }, 1)).toEqual([
        '2020-01|x',
        '2021-12|x',
      ]);
      const ranged = await store.listEntries('timeline', {
        facet: null,
        cursor: null,
        limit: 10,
        fromSk: '2021',
        toSk: '2021~',
      });
      expect(ranged.items.map((i) => i.sk)).toEqual(['2021-03|x', '2021-12|x']);
      expect(ranged.items.map((i) => i.entry)).toEqual([
        { id: 'l0', type: 'cases' },
        { id: 'l3', type: 'aid' },
      ]);
      const down = await store.listEntries('timeline', {
        facet: null,
        cursor: null,
        limit: 10,
        descending: true,
      });
      expect(down.items.map((i) => i.sk)).toEqual([...keys].sort().reverse());
    });

    it('a group rewritten moves its entries in every list it is in, and one with no entries leaves them all', async () => {
      const store = await make();
      await store.writeGroup(group('moving', '2021|moving', 0, 'aid'));
      const state = (await store.readGroup({ view: 'timeline', groupKey: 'moving' })).state!;
      await store.writeGroup({ ...group('moving', '2022|moving', 0, 'cases'), rev: state.rev });
      expect(await allListed(store, null, 10)).toEqual(['2022|moving']);
      expect(await allListed(store, { name: 'type', value: 'aid' }, 10)).toEqual([]);
      expect(await allListed(store, { name: 'type', value: 'cases' }, 10)).toEqual(['2022|moving']);
      await store.writeGroup({ ...state, entries: [], index: [] });
      expect(await allListed(store, null, 10)).toEqual([]);
      expect(await allListed(store, { name: 'type', value: 'cases' }, 10)).toEqual([]);
    });

    it('lists a group whose index is larger than one transaction in full', async () => {
      const store = await make();
      const entries = Array.from({ length: 120 }, (_, i) => ({ id: `big${i}`, type: 'aid' }));
      await store.writeGroup({
        view: 'timeline',
        groupKey: 'big',
        rev: 0,
        entries,
        index: entries.map((e, i) => ({
          facet: '',
          value: '',
          sk: `2020|${String(i).padStart(3, '0')}`,
          entryId: e.id,
        })),
      });
      expect(await allListed(store, null, 50)).toHaveLength(120);
    });

    it('lists articles newest first, all or by outcome, from a cursor position on', async () => {
      const store = await make();
      for (const [id, at] of [
        ['a', '2024-01-01T00:00:00Z'],
        ['b', '2024-03-01T00:00:00Z'],
        ['c', '2024-02-01T00:00:00Z'],
      ] as const)
        await store.putArticle(article(id, at), null);
      const page = await store.listArticles(null, 2);
      expect(page.items.map((a) => a.articleId)).toEqual(['b', 'c']);
      const rest = await store.listArticles(page.next, 2);
      expect(rest.items.map((a) => a.articleId)).toEqual(['a']);
      expect(rest.next).toBeNull();
      const older = await store.listArticles(null, 10, { toSk: '2024-02-01T00:00:00Z|c' });
      expect(older.items.map((a) => a.articleId)).toEqual(['c', 'a']);
      expect((await store.listArticles(null, 10, {}, 'rejected')).items).toEqual([]);
      expect((await store.listArticles(null, 10, {}, 'extracted')).items).toHaveLength(3);
    });

    it('a snapshot is what the readers see, and it says how many items it wrote', async () => {
      const store = await make();
      const state = projectState([
        ingestCommit('n1', extracted({ caseCounts: [caseCount()], timeline: [happening()] })),
      ]);
      // At least the article, each fact's contribution and each group.
      expect(await store.writeSnapshot(state)).toBeGreaterThanOrEqual(5);
      expect((await store.getArticle('n1'))?.view.id).toBe('n1');
      expect(
        (await store.listEntries('caseCounts', { facet: null, cursor: null, limit: 10 })).items,
      ).toHaveLength(1);
      expect(
        (
          await store.readGroup({
            view: 'caseCounts',
            groupKey: state.groups.find((g) => g.view === 'caseCounts')!.groupKey,
          })
        ).contributions,
      ).toHaveLength(1);
    });
  });
}
