/**
 * What every EventStore must do, whatever it is built on. Run against the in-memory store (unit)
 * and DynamoDB Local (integration), so "the same contract" is tested rather than claimed.
 */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/app/ports';
import { ConcurrencyError } from '../../src/domain/errors';
import {
  caseCount,
  copyCommit,
  extracted,
  ingestCommit,
  reextractCommit,
} from '../support/builders';

let serial = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${serial++}`;

export function eventStoreContract(name: string, make: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    it('given an empty stream, when a first commit is appended, then reading the stream gives it back at version 1', async () => {
      const store = await make();
      const commit = ingestCommit(unique('first'), extracted({ caseCounts: [caseCount()] }));
      expect(await store.appendToStream(commit)).toEqual({ written: true });
      expect(await store.readStream(commit.streamId)).toEqual({ version: 1, commits: [commit] });
    });

    it('given a stream that does not exist, then it reads as version 0 with no commits', async () => {
      const store = await make();
      expect(await store.readStream(`article-${unique('none')}`)).toEqual({
        version: 0,
        commits: [],
      });
    });

    it('given a stored commit, when the very same commit is appended again, then it succeeds without writing', async () => {
      const store = await make();
      const commit = ingestCommit(unique('again'), extracted());
      await store.appendToStream(commit);
      expect(await store.appendToStream(commit)).toEqual({ written: false });
      expect((await store.readStream(commit.streamId)).commits).toEqual([commit]);
    });

    it('given a commit at a version, when a different commit is appended at that version, then it fails with ConcurrencyError and nothing changes', async () => {
      const store = await make();
      const first = ingestCommit(unique('race'), extracted());
      await store.appendToStream(first);
      const a = reextractCommit([first], extracted({ extractorVersion: 'v2', title: 'A' }));
      const b = reextractCommit([first], extracted({ extractorVersion: 'v2', title: 'B' }));
      await store.appendToStream(a);
      await expect(store.appendToStream(b)).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(first.streamId)).toEqual({ version: 2, commits: [first, a] });
    });

    it('given ten concurrent appends of different commits at the same version, exactly one wins', async () => {
      const store = await make();
      const first = ingestCommit(unique('ten'), extracted());
      await store.appendToStream(first);
      const rivals = Array.from({ length: 10 }, (_, i) =>
        reextractCommit(
          [first],
          extracted({ extractorVersion: `rival-${i}`, title: `Rival ${i}` }),
        ),
      );
      const results = await Promise.allSettled(rivals.map((c) => store.appendToStream(c)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(first.streamId)).version).toBe(2);
    });

    it('reads every commit of every stream back through readAll, a page at a time, each once', async () => {
      const store = await make();
      const mine = Array.from({ length: 5 }, (_, i) =>
        ingestCommit(unique(`all${i}-`), extracted()),
      );
      for (const c of mine) await store.appendToStream(c);
      const seen: string[] = [];
      for (let cursor: string | null = null; ;) {
        const page = await store.readAll(cursor, 2);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((c) => `${c.streamId}@${c.version}`));
        if (!(cursor = page.next)) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const c of mine) expect(seen).toContain(`${c.streamId}@${c.version}`);
    });

    it('reads every commit once across the parts of a parallel read, and their keys the same way', async () => {
      const store = await make();
      const mine = Array.from({ length: 12 }, (_, i) =>
        ingestCommit(unique(`part${i}-`), extracted()),
      );
      for (const c of mine) await store.appendToStream(c);
      const commits: string[] = [],
        keys: string[] = [];
      for (let segment = 0; segment < 3; segment++) {
        const part = { segment, of: 3 };
        for (let cursor: string | null = null; ;) {
          const page = await store.readAll(cursor, 2, part);
          commits.push(...page.items.map((c) => `${c.streamId}@${c.version}`));
          if (!(cursor = page.next)) break;
        }
        for (let cursor: string | null = null; ;) {
          const page = await store.readAllKeys(cursor, 3, part);
          keys.push(...page.items.map((k) => `${k.streamId}@${k.version}`));
          if (!(cursor = page.next)) break;
        }
      }
      expect(new Set(commits).size).toBe(commits.length);
      expect([...keys].sort()).toEqual([...commits].sort());
      for (const c of mine) expect(commits).toContain(`${c.streamId}@${c.version}`);
    });

    it('finds the commit that received an upload, by bucket, key and version, and nothing for an upload not recorded', async () => {
      const store = await make();
      const id = unique('upload');
      const first = ingestCommit(id, extracted());
      const copy = copyCommit([first], `articles/${id}-copy.txt`);
      const again = reextractCommit([first, copy], extracted({ extractorVersion: 'v9' }));
      for (const c of [first, copy, again]) await store.appendToStream(c);
      const upload = (key: string) => ({ bucket: 'b', key, versionId: null });
      expect(await store.findUpload(upload(`articles/${id}.txt`))).toEqual(first);
      expect(await store.findUpload(upload(`articles/${id}-copy.txt`))).toEqual(copy);
      expect(await store.findUpload(upload(`articles/${id}-never.txt`))).toBeNull();
      expect(
        await store.findUpload({ bucket: 'b', key: `articles/${id}.txt`, versionId: 'v2' }),
      ).toBeNull();
    });

    it('refuses a commit over the item size limit, even compressed, with a typed error', async () => {
      const store = await make();
      const incompressible = Array.from({ length: 140_000 }, (_, i) =>
        ((i * 2_654_435_761) >>> 0).toString(36),
      ).join('');
      const big = ingestCommit(unique('big'), extracted({ title: incompressible }));
      await expect(store.appendToStream(big)).rejects.toMatchObject({ code: 'commit_too_large' });
      expect((await store.readStream(big.streamId)).version).toBe(0);
    });
  });
}
