/**
 * What every store of view versions must do for a rebuild beside the live views: a pointer that
 * changes only at the revision read, versions that do not see each other, a drop that takes only
 * the versions named (never the pointer), and store cursors that carry no version, so a page read
 * in one version goes on in the next. Each run gets a store of its own.
 */
import { describe, expect, it } from 'vitest';
import type { ViewPointer, ViewVersions } from '../../src/app/ports';
import { allListed, article, group } from './view-store.contract';

export function viewVersionsContract(name: string, make: () => Promise<ViewVersions>): void {
  describe(`view versions contract: ${name}`, () => {
    it('starts with version 0 live and nothing built, and changes the pointer only at the revision read', async () => {
      const versions = await make();
      const first = await versions.readPointer();
      expect(first).toEqual({ rev: 0, live: 0, build: null, next: 1 });
      const building: ViewPointer = {
        rev: 1,
        live: 0,
        next: 2,
        build: { version: 1, phase: 'filling', startedAt: '2024-01-01T00:00:00Z', failed: null },
      };
      expect(await versions.writePointer(building, 0)).toBe(true);
      expect(await versions.readPointer()).toEqual(building);
      expect(await versions.writePointer({ ...first, rev: 1 }, 0)).toBe(false);
      const live: ViewPointer = { rev: 2, live: 1, next: 2, build: null };
      expect(await versions.writePointer(live, 1)).toBe(true);
      expect(await versions.readPointer()).toEqual(live);
    });

    it('keeps versions apart: what one holds, another neither reads nor lists', async () => {
      const versions = await make();
      await versions.at(1).putArticle(article('a', '2024-01-01T00:00:00Z'), null);
      await versions.at(1).writeGroup(group('g', '2021|g', 0));
      await versions.at(2).putArticle(article('b', '2024-01-02T00:00:00Z'), null);
      expect(await versions.at(2).getArticle('a')).toBeNull();
      expect(await versions.at(0).getArticle('a')).toBeNull();
      expect((await versions.at(2).listArticles(null, 10)).items.map((a) => a.articleId)).toEqual([
        'b',
      ]);
      expect(await allListed(versions.at(2), null, 10)).toEqual([]);
      expect(await allListed(versions.at(1), null, 10)).toEqual(['2021|g']);
      // The same article in two versions is two records, each with its own revision.
      await versions.at(2).putArticle(article('a', '2024-01-01T00:00:00Z'), null);
      await versions.at(2).putArticle(article('a', '2024-01-01T00:00:00Z', 2), 1);
      expect((await versions.at(1).getArticle('a'))?.rev).toBe(1);
    });

    it('drops only the versions named, with everything they hold, and keeps the pointer', async () => {
      const versions = await make();
      await versions.writePointer({ rev: 1, live: 2, next: 3, build: null }, 0);
      for (const v of [0, 1, 2]) {
        await versions.at(v).putArticle(article(`a${v}`, '2024-01-01T00:00:00Z'), null);
        await versions.at(v).writeGroup(group(`g${v}`, `2021|g${v}`, 0));
      }
      expect(await versions.dropVersions((v) => v < 2)).toBeGreaterThanOrEqual(4);
      for (const v of [0, 1]) {
        expect(await versions.at(v).getArticle(`a${v}`)).toBeNull();
        expect(await allListed(versions.at(v), null, 10)).toEqual([]);
      }
      expect(await versions.at(2).getArticle('a2')).not.toBeNull();
      expect(await allListed(versions.at(2), null, 10)).toEqual(['2021|g2']);
      expect((await versions.readPointer()).live).toBe(2);
      expect(await versions.dropVersions((v) => v < 2)).toBe(0);
    });

    it('a store cursor from one version goes on from the same place in another', async () => {
      const versions = await make();
      for (const v of [1, 2])
        for (const k of ['2021|a', '2021|b', '2021|c', '2021|d'])
          await versions.at(v).writeGroup(group(`${k}`, k, 0));
      const first = await versions
        .at(1)
        .listEntries('timeline', { facet: null, cursor: null, limit: 2 });
      expect(first.next).not.toBeNull();
      const rest = await versions
        .at(2)
        .listEntries('timeline', { facet: null, cursor: first.next, limit: 10 });
      expect(rest.items.map((i) => i.sk)).toEqual(['2021|c', '2021|d']);
    });
  });
}
