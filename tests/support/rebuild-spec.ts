/**
 * A rebuild beside the live views, as readers, the projector and redrive meet it (issue 14, item
 * 4): the same scenarios on the in-memory adapters (tests/unit/rebuild.test.ts) and on DynamoDB
 * Local (tests/integration/rebuild.test.ts). Commits are appended and handed to the projector as
 * the stream would hand them, at chosen points of the rebuild, so each run is the same.
 */
import { describe, expect, it } from 'vitest';
import { LiveViews } from '../../src/app/live-views';
import type { EventStore, ViewVersion, ViewVersions } from '../../src/app/ports';
import { projectToViews } from '../../src/app/projector';
import { rebuildViews, type RebuildDeps, type RebuildProgress } from '../../src/app/rebuild';
import type { Commit } from '../../src/domain/commit';
import { RebuildAbortedError } from '../../src/domain/errors';
import { projectAll } from '../../src/domain/projections/project-all';
import { apiOn } from './api';
import { caseCount, extracted, happening, ingestCommit, reextractCommit } from './builders';

export interface RebuildWorld {
  events: EventStore;
  versions: ViewVersions;
}

let serial = 0;
/** An article with a dated happening and a case count of its own. */
function article(name: string): Commit {
  const n = ++serial;
  const day = String(1 + (n % 28)).padStart(2, '0');
  return ingestCommit(
    `${name}-${n}-${Date.now().toString(36)}`,
    extracted({
      title: name,
      publishedAt: `2022-03-${day}`,
      timeline: [happening({ date: `2022-03-${day}`, summary: `${name} happened` })],
      caseCounts: [caseCount({ location: 'Peru', value: 100 + n, asOf: `2022-03-${day}` })],
    }),
  );
}

/** A store whose bulk write gets the articles and contributions in, then fails, as DynamoDB does on an item it refuses. */
function failingBulkWrite(store: ViewVersion): ViewVersion {
  return Object.assign(Object.create(store) as ViewVersion, {
    writeSnapshot: async (state: Parameters<ViewVersion['writeSnapshot']>[0]) => {
      await store.writeSnapshot({ ...state, groups: [] });
      throw new Error('Item size has exceeded the maximum allowed size');
    },
  });
}

/** A store whose bulk write stops half-way (articles and contributions in, groups not yet) for `during`. */
function pausingBulkWrite(store: ViewVersion, during: () => Promise<void>): ViewVersion {
  return Object.assign(Object.create(store) as ViewVersion, {
    writeSnapshot: async (state: Parameters<ViewVersion['writeSnapshot']>[0]) => {
      await store.writeSnapshot({ ...state, groups: [] });
      await during();
      return store.writeSnapshot(state);
    },
  });
}

/** The same versions and pointer, with some versions' stores replaced. */
function replacingStores(
  versions: ViewVersions,
  replace: (version: number, store: ViewVersion) => ViewVersion,
): ViewVersions {
  return {
    readPointer: () => versions.readPointer(),
    writePointer: (next, rev) => versions.writePointer(next, rev),
    dropVersions: (drop) => versions.dropVersions(drop),
    at: (v) => replace(v, versions.at(v)),
  };
}

/** The versions, with every version but the live one (0) failing its bulk write. */
const withFailingBuilds = (versions: ViewVersions) =>
  replacingStores(versions, (v, store) => (v === 0 ? store : failingBulkWrite(store)));

export function rebuildSpec(name: string, make: () => Promise<RebuildWorld>): void {
  async function world() {
    const w = await make();
    const { call } = await apiOn(new LiveViews(w.versions, { ttlMs: 0, now: Date.now }), w.events);
    const all: Commit[] = [];
    return {
      ...w,
      /** Appended, then projected as the stream delivers it (now, or later with `deliver`). */
      async append(commit: Commit, deliver = true) {
        await w.events.appendToStream(commit);
        all.push(commit);
        if (deliver) await projectToViews(w.versions, commit);
        return commit;
      },
      deliver: (commit: Commit) => projectToViews(w.versions, commit),
      /** What a reader gets from the list routes. */
      async lists() {
        const body = async (path: string) => (await call(path)).json as { items: unknown[] };
        return {
          articles: (await body('/articles?limit=500')).items,
          timeline: (await body('/timeline?limit=500')).items,
          caseCounts: (await body('/case-counts?limit=500')).items,
        };
      },
      /** The views as the pure projection of every commit appended. */
      expected: () => projectAll(all),
      rebuild: (over: Partial<RebuildDeps> = {}) =>
        rebuildViews({
          events: w.events,
          versions: w.versions,
          now: () => new Date().toISOString(),
          graceMs: 0,
          ...over,
        }),
    };
  }

  describe(`a rebuild beside the live views: ${name}`, () => {
    it('given a rebuild whose bulk write fails half-way, then /articles and /timeline are exactly as before, the pointer is unchanged and the half-built version is gone', async () => {
      const w = await world();
      for (const n of ['a', 'b', 'c']) await w.append(article(n));
      const before = await w.lists();
      const pointer = await w.versions.readPointer();

      const failing = withFailingBuilds(w.versions);
      await expect(w.rebuild({ versions: failing })).rejects.toBeInstanceOf(RebuildAbortedError);

      expect(await w.lists()).toEqual(before);
      expect(before.articles).toHaveLength(3);
      expect(before.timeline).toHaveLength(3);
      const after = await w.versions.readPointer();
      expect(after).toMatchObject({ live: pointer.live, build: null });
      expect(await w.versions.dropVersions((v) => v !== after.live)).toBe(0);
    });

    it('given a record the projector failed on, and then a rebuild that failed, then redriving the record projects it in full (the failed rebuild marked nothing done)', async () => {
      const w = await world();
      await w.append(article('shown'));
      const lost = await w.append(article('lost'), false);
      await expect(w.rebuild({ versions: withFailingBuilds(w.versions) })).rejects.toThrow();

      // Redrive hands the dead letter's record to the projector again.
      await w.deliver(lost);
      expect(await w.lists()).toEqual({
        articles: expect.arrayContaining([expect.objectContaining({ title: 'lost' })]),
        timeline: expect.arrayContaining([expect.objectContaining({ summary: 'lost happened' })]),
        caseCounts: expect.any(Array),
      });
      const { timeline } = await w.lists();
      expect(timeline).toHaveLength(2);
    });

    it('given articles appended while the rebuild reads, after it has filled, and after it has caught up — some delivered late — then every one is in the views it switches to', async () => {
      const w = await world();
      const old = await w.append(article('old'));
      for (const n of ['b', 'c', 'd', 'e']) await w.append(article(n));
      const late: Commit[] = [];
      let appendedWhileReading = false;
      // The first page the fill reads lets an upload in, as a concurrent ingest would.
      const events: EventStore = {
        appendToStream: (c) => w.events.appendToStream(c),
        readStream: (id) => w.events.readStream(id),
        findUpload: (u) => w.events.findUpload(u),
        readAllKeys: (...args) => w.events.readAllKeys(...args),
        readAll: async (...args) => {
          const page = await w.events.readAll(...args);
          if (!appendedWhileReading) {
            appendedWhileReading = true;
            await w.append(article('during-fill'));
          }
          return page;
        },
      };
      const progress = async (p: RebuildProgress) => {
        if (p.step === 'filled') {
          await w.append(article('after-fill'));
          late.push(await w.append(article('after-fill-delivered-late'), false));
          await w.append(reextractCommit([old], extracted({ title: 'old, re-extracted' })));
        }
        if (p.step === 'caught-up') {
          for (const c of late) await w.deliver(c);
          await w.append(article('after-catch-up'));
        }
      };

      const result = await w.rebuild({ events, progress });

      expect(result.caughtUp).toBeGreaterThanOrEqual(3);
      const expected = w.expected();
      const { articles, timeline } = await w.lists();
      expect(articles).toHaveLength(10 - 1);
      expect(new Set((articles as { title: string }[]).map((a) => a.title))).toEqual(
        new Set(expected.articles.map((a) => a.title)),
      );
      expect(timeline).toEqual(expected.timeline);
      expect((await w.versions.readPointer()).live).toBe(result.version);
    });

    it('given readers during every step of a rebuild, the bulk write half done included, then each sees the whole old version until the switch, and the whole new one after', async () => {
      const w = await world();
      for (const n of ['a', 'b', 'c', 'd']) await w.append(article(n));
      const before = await w.lists();
      const seen: string[] = [];
      const read = async (step: string) => {
        expect(await w.lists(), step).toEqual(before);
        seen.push(step);
      };
      const progress = async (p: RebuildProgress) => {
        if (['claimed', 'filled', 'caught-up', 'switched'].includes(p.step)) await read(p.step);
      };
      const versions = replacingStores(w.versions, (_v, store) =>
        pausingBulkWrite(store, () => read('half-written')),
      );
      await w.rebuild({ versions, progress });
      expect(seen).toEqual(['claimed', 'half-written', 'filled', 'caught-up', 'switched']);
      expect(await w.lists()).toEqual(before);
    });

    it('given a commit the projector cannot write to the version being built, then that version never goes live, and the live views have the commit', async () => {
      const w = await world();
      await w.append(article('a'));
      const pointer = await w.versions.readPointer();
      const progress = async (p: RebuildProgress) => {
        if (p.step !== 'caught-up') return;
        // A projector whose writes to the build fail (its writes to the live views do not).
        const broken = replacingStores(w.versions, (v, store) =>
          v === p.version
            ? Object.assign(Object.create(store) as ViewVersion, {
                putContributions: async () => {
                  throw new Error('the build refuses the write');
                },
              })
            : store,
        );
        const commit = await w.append(article('during'), false);
        await projectToViews(broken, commit);
      };

      await expect(w.rebuild({ progress })).rejects.toThrow(/refuses the write/);

      expect(await w.versions.readPointer()).toMatchObject({ live: pointer.live, build: null });
      const { articles } = await w.lists();
      expect((articles as { title: string }[]).map((a) => a.title).sort()).toEqual(['a', 'during']);
    });
  });
}
