/**
 * Rebuilds beside the live views on the in-memory adapters (tests/support/rebuild-spec.ts), one
 * rebuild at a time, and the readers' cached pointer.
 */
import { describe, expect, it } from 'vitest';
import { MemoryEventStore, MemoryViewVersions } from '../../src/adapters/memory-stores';
import { LiveViews } from '../../src/app/live-views';
import { rebuildViews } from '../../src/app/rebuild';
import { RebuildInProgressError } from '../../src/domain/errors';
import { article } from '../contracts/view-store.contract';
import { rebuildSpec } from '../support/rebuild-spec';

rebuildSpec('memory', async () => ({
  events: new MemoryEventStore(),
  versions: new MemoryViewVersions(),
}));

describe('one rebuild at a time', () => {
  const now = () => '2024-05-01T12:00:00.000Z';

  it('given a rebuild in progress, then another is refused and the pointer is left as it was', async () => {
    const versions = new MemoryViewVersions();
    const building = {
      rev: 1,
      live: 0,
      next: 2,
      build: {
        version: 1,
        phase: 'filling' as const,
        startedAt: '2024-05-01T11:59:00.000Z',
        failed: null,
      },
    };
    await versions.writePointer(building, 0);
    await expect(
      rebuildViews({ events: new MemoryEventStore(), versions, now, graceMs: 0 }),
    ).rejects.toBeInstanceOf(RebuildInProgressError);
    expect(await versions.readPointer()).toEqual(building);
  });

  it('given a build started more than 15 minutes ago (its rebuild died), then a new rebuild takes over with the next version and drops the dead one', async () => {
    const versions = new MemoryViewVersions();
    await versions.writePointer(
      {
        rev: 1,
        live: 0,
        next: 2,
        build: {
          version: 1,
          phase: 'catching-up',
          startedAt: '2024-05-01T11:40:00.000Z',
          failed: null,
        },
      },
      0,
    );
    await versions.at(1).putArticle(article('left', '2024-05-01T11:40:00Z'), null);
    const result = await rebuildViews({
      events: new MemoryEventStore(),
      versions,
      now,
      graceMs: 0,
    });
    expect(result.version).toBe(2);
    expect(await versions.readPointer()).toMatchObject({ live: 2, build: null, next: 3 });
    expect([...versions.versions.keys()]).toEqual([2]);
  });
});

describe('readers of the live views', () => {
  it('read the pointer at most once per second, read it again after, and do not keep a failed read', async () => {
    const versions = new MemoryViewVersions();
    let reads = 0,
      fail = false,
      clock = 0;
    const counting = Object.assign(Object.create(versions) as MemoryViewVersions, {
      readPointer: async () => {
        reads++;
        if (fail) throw new Error('DynamoDB is unreachable');
        return versions.readPointer();
      },
    });
    const views = new LiveViews(counting, { ttlMs: 1000, now: () => clock });
    await views.getArticle('a');
    await views.listArticles(null, 10);
    expect(reads).toBe(1);
    clock = 1000;
    fail = true;
    await expect(views.getArticle('a')).rejects.toThrow(/unreachable/);
    fail = false;
    await views.getArticle('a');
    expect(reads).toBe(3);
  });
});
