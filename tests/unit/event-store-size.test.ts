/**
 * One commit item holds one extraction. Given an article whose events outgrow a plain item,
 * they are stored compressed; given one that outgrows even that, the upload is recorded as a
 * rejection with its reason rather than failing on every retry.
 */
import { describe, expect, it } from 'vitest';
import { commitToItem, itemToCommit, MAX_COMMIT_BYTES } from '../../src/adapters/commit-item';
import { MemoryEventStore, MemoryObjectStore } from '../../src/adapters/memory-stores';
import { CommitTooLargeError } from '../../src/domain/errors';
import { ingestObject } from '../../src/app/ingest';
import { aidFlow, evidence, extracted, ingestCommit, stubExtractor } from '../support/builders';

const manyFlows = (n: number, sentence: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => aidFlow({ evidence: evidence(sentence(i)) }));

/** Few facts, each with as many and as long item names as a fact may keep, none alike. */
const noisyFlows = () =>
  Array.from({ length: 80 }, (_, i) =>
    aidFlow({
      items: Array.from({ length: 50 }, (_, k) =>
        Array.from({ length: 45 }, (_, j) =>
          (((i * 50 + k) * 7919 + j * 104729) % 1_000_003).toString(36),
        )
          .join(' ')
          .slice(0, 300),
      ),
    }),
  );

describe('the size of a commit', () => {
  it('stores a large but repetitive extraction gzipped, and reads it back unchanged', () => {
    const commit = ingestCommit(
      'big',
      extracted({
        aidFlows: manyFlows(
          300,
          (i) =>
            `Donors shipped supplies to the region, officials said in statement ${i}, adding that the convoy of trucks carrying tents, water purification tablets and medicines had crossed the border at dawn.`,
        ),
      }),
    );
    const item = commitToItem(commit);
    expect(item.events).toBeUndefined();
    expect(item.eventsGzip!.length).toBeLessThan(MAX_COMMIT_BYTES);
    expect(itemToCommit({ ...item })).toEqual(commit);
  });

  it('refuses a commit that stays over the item limit compressed', () => {
    const commit = ingestCommit('huge', extracted({ aidFlows: noisyFlows() }));
    expect(() => commitToItem(commit)).toThrow(CommitTooLargeError);
  });

  it('records an upload whose facts cannot fit one commit as rejected: too_many_facts', async () => {
    const events = new MemoryEventStore();
    const objects = new MemoryObjectStore();
    objects.objects.set('b/articles/long.txt', {
      bytes: new TextEncoder().encode('long article'),
      contentType: 'text/plain',
      versionId: null,
      metadata: {},
    });
    const deps = {
      events,
      objects,
      now: () => '2024-01-01T00:00:00.000Z',
      extractor: stubExtractor(extracted({ aidFlows: noisyFlows() })),
    };

    const result = await ingestObject(deps, {
      bucket: 'b',
      key: 'articles/long.txt',
      versionId: null,
    });

    expect(result).toMatchObject({ outcome: 'rejected', reason: 'too_many_facts' });
    const [stream] = [...events.streams.values()];
    expect(
      stream!.flatMap((c) => c.events).find((e) => e.type === 'ArticleRejected'),
    ).toMatchObject({ data: { reason: 'too_many_facts' } });
  });
});
