import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { ConcurrencyError } from '../../src/domain/errors';
import { clientsFor } from '../support/clients';
import { extracted, ingestCommit, reextractCommit } from '../support/builders';

const stack = inject('stack');
const store = new DynamoDbEventStore(clientsFor(stack).dynamo, stack.eventsTable);

describe('event store on DynamoDB Local', () => {
  it('given ten concurrent appends of different commits at the same version, exactly one wins', async () => {
    const id = `race${Date.now()}`;
    const first = ingestCommit(id, extracted());
    const rivals = Array.from({ length: 10 }, (_, i) =>
      reextractCommit([first], extracted({ extractorVersion: `rival-${i}`, title: `Rival ${i}` })),
    );
    await store.appendToStream(first);

    const results = await Promise.allSettled(rivals.map((c) => store.appendToStream(c)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers).toHaveLength(9);
    for (const l of losers) expect(l.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(first.streamId)).version).toBe(2);
  });

  it('given a commit already stored, when the same commit is appended again, then it succeeds without writing', async () => {
    const commit = ingestCommit(`again${Date.now()}`, extracted());
    expect(await store.appendToStream(commit)).toEqual({ written: true });
    expect(await store.appendToStream(commit)).toEqual({ written: false });
    expect((await store.readStream(commit.streamId)).commits).toEqual([commit]);
  });

  it('refuses a commit over the item size limit, even gzipped, with a typed error', async () => {
    const incompressible = Array.from({ length: 140_000 }, (_, i) =>
      ((i * 2_654_435_761) >>> 0).toString(36),
    ).join('');
    const big = ingestCommit(`big${Date.now()}`, extracted({ title: incompressible }));
    await expect(store.appendToStream(big)).rejects.toMatchObject({ code: 'commit_too_large' });
  });

  it('reads every commit back, a page at a time', async () => {
    const seen = new Set<string>();
    for (let cursor: string | null = null; ;) {
      const page = await store.readAll(cursor, 2);
      for (const c of page.items) seen.add(`${c.streamId}@${c.version}`);
      if (!(cursor = page.next)) break;
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});
