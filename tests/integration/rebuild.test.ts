/**
 * Rebuilds beside the live views on DynamoDB Local (tests/support/rebuild-spec.ts), each run on
 * tables of its own so the shared stack's views stay untouched.
 */
import { describe, expect, inject, it } from 'vitest';
import { ensureTable, eventsTableDefinition, viewsTableDefinition } from '../../local/tables';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { DynamoDbViewVersions } from '../../src/adapters/dynamodb-view-versions';
import { LiveViews } from '../../src/app/live-views';
import { projectToViews } from '../../src/app/projector';
import { rebuildViews } from '../../src/app/rebuild';
import { apiOn } from '../support/api';
import { extracted, happening, ingestCommit } from '../support/builders';
import { clientsFor } from '../support/clients';
import { rebuildSpec } from '../support/rebuild-spec';

const { dynamo } = clientsFor(inject('stack'));
let tables = 0;
const freshTable = async (define: typeof eventsTableDefinition) => {
  const name = `rebuild-${process.pid}-${Date.now()}-${tables++}`;
  await ensureTable(dynamo, define(name));
  return name;
};

rebuildSpec('DynamoDB Local', async () => ({
  events: new DynamoDbEventStore(dynamo, await freshTable(eventsTableDefinition)),
  versions: new DynamoDbViewVersions(dynamo, await freshTable(viewsTableDefinition)),
}));

describe('a rebuild on DynamoDB Local meeting an item DynamoDB refuses', () => {
  it('given a stored commit whose fact cannot be written as a view item (over 400 KB), then the rebuild fails and /articles and /timeline are exactly as before', async () => {
    const events = new DynamoDbEventStore(dynamo, await freshTable(eventsTableDefinition));
    const versions = new DynamoDbViewVersions(dynamo, await freshTable(viewsTableDefinition));
    const views = new LiveViews(versions, { ttlMs: 0, now: Date.now });
    const { call } = await apiOn(views, events);
    const lists = async () => ({
      articles: (await call('/articles?limit=500')).json as unknown,
      timeline: (await call('/timeline?limit=500')).json as unknown,
    });
    for (const n of ['a', 'b', 'c']) {
      const commit = ingestCommit(
        `ok-${n}-${Date.now()}`,
        extracted({ timeline: [happening({ date: `2022-03-1${['a', 'b', 'c'].indexOf(n)}` })] }),
      );
      await events.appendToStream(commit);
      await projectToViews(versions, commit);
    }
    const before = await lists();
    // Stored before the bounds at ingest existed (issue 14, item 3): the projector sent it to the
    // dead-letter queue, and a rebuild meets it again.
    const oversized = ingestCommit(
      `oversized-${Date.now()}`,
      extracted({ timeline: [happening({ date: '2022-04-01' })] }),
    );
    const fact = oversized.events.find((e) => e.type === 'HappeningReported')!;
    fact.evidence.sentence = 'The outbreak spread. '.repeat(21_000);
    await events.appendToStream(oversized);

    await expect(
      rebuildViews({ events, versions, now: () => new Date().toISOString(), graceMs: 0 }),
    ).rejects.toThrow(/did not go live: .*size/i);

    expect(await lists()).toEqual(before);
    expect((before.timeline as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(await versions.readPointer()).toMatchObject({ live: 0, build: null });
  });
});
