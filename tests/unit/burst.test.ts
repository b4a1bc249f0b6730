/**
 * A burst of uploads of one text under many keys (issue 14, item 10): every upload is one more
 * receipt on the same stream, so the writers race for each version in turn. Each lost race is
 * retried, with a jittered pause, until the writer's receipt is appended or the decider says
 * there is nothing left to do — no invocation fails, so the Errors alarm stays quiet.
 * Time is virtual (fake timers), so the test waits for nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryEventStore, MemoryObjectStore } from '../../src/adapters/memory-stores';
import { ingestObject } from '../../src/app/ingest';
import type { EventStore } from '../../src/app/ports';
import type { Correlation } from '../../src/domain/events';
import type { Commit } from '../../src/domain/commit';
import { extracted, stubExtractor } from '../support/builders';

/** Each call waits its turn behind whatever else is running, as a network round trip would. */
class RacyEventStore implements EventStore {
  readonly inner = new MemoryEventStore();
  private async roundTrip(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  }
  async appendToStream(commit: Commit) {
    await this.roundTrip();
    return this.inner.appendToStream(commit);
  }
  async readStream(streamId: string) {
    await this.roundTrip();
    return this.inner.readStream(streamId);
  }
  readAll(cursor: string | null, limit?: number) {
    return this.inner.readAll(cursor, limit);
  }
  readAllKeys(cursor: string | null, limit?: number) {
    return this.inner.readAllKeys(cursor, limit);
  }
  findUpload(upload: Correlation) {
    return this.inner.findUpload(upload);
  }
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('a burst of uploads of one text', () => {
  it('given 80 uploads of one article under 80 keys at once, then every one is recorded, none fails, and the article is extracted once', async () => {
    const events = new RacyEventStore();
    const objects = new MemoryObjectStore();
    const keys = Array.from({ length: 80 }, (_, i) => `articles/copy-${i}.txt`);
    for (const key of keys)
      objects.objects.set(`b/${key}`, {
        bytes: new TextEncoder().encode('the same text'),
        contentType: 'text/plain',
        versionId: null,
        metadata: {},
      });
    const deps = {
      events,
      objects,
      extractor: stubExtractor(extracted({ text: 'the same text' })),
      now: () => new Date().toISOString(),
    };

    let done = false;
    const settled = Promise.allSettled(
      keys.map((key) => ingestObject(deps, { bucket: 'b', key, versionId: null })),
    ).finally(() => (done = true));
    // Virtual time: let every round trip run, then jump to the next pause's end.
    while (!done) {
      await new Promise((r) => setImmediate(r));
      await vi.advanceTimersToNextTimerAsync();
    }
    const results = await settled;

    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<{ outcome: string }>).value);
    expect(outcomes.filter((o) => o.outcome === 'ingested')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(79);
    const [stream] = [...events.inner.streams.values()];
    const all = stream!.flatMap((c) => c.events);
    expect(all.filter((e) => e.type === 'ArticleReceived')).toHaveLength(80);
    expect(all.filter((e) => e.type === 'ArticleExtracted')).toHaveLength(1);
  });
});
