import { describe, expect, it } from 'vitest';
import { commitToItem, itemToCommit } from '../../src/adapters/commit-item';
import { upcast } from '../../src/domain/upcasters';
import { aidFlow, extracted, ingestCommit } from '../support/builders';

describe('reading events written with an older schema', () => {
  it('lifts AidFlowReported v1 (one item, no route) to v2 (items and route)', () => {
    const v1 = {
      type: 'AidFlowReported',
      schemaVersion: 1,
      data: { donor: 'WHO', item: 'vaccines', status: 'shipped' },
    };
    expect(upcast(v1)).toEqual({
      type: 'AidFlowReported',
      schemaVersion: 2,
      data: { donor: 'WHO', status: 'shipped', items: ['vaccines'], route: [] },
    });
  });

  it('given a stored commit holding a v1 event, when the store reads it, then it validates as v2', () => {
    const commit = ingestCommit(
      'a',
      extracted({ aidFlows: [aidFlow({ items: ['vaccines'], route: [] })] }),
    );
    const item = commitToItem(commit);
    const stored = JSON.parse(item.events!) as Record<string, unknown>[];
    const flow = stored.find((e) => e.type === 'AidFlowReported')!;
    const { items: _items, route: _route, ...data } = flow.data as Record<string, unknown>;
    Object.assign(flow, { schemaVersion: 1, data: { ...data, item: 'vaccines' } });

    const read = itemToCommit({ ...item, events: JSON.stringify(stored) });

    expect(read.events.find((e) => e.type === 'AidFlowReported')).toMatchObject({
      schemaVersion: 2,
      data: { items: ['vaccines'], route: [] },
    });
  });

  it('leaves current events untouched and rejects ones that do not validate', () => {
    const commit = ingestCommit('a', extracted());
    expect(itemToCommit({ ...commitToItem(commit) })).toEqual(commit);
    expect(() =>
      itemToCommit({
        ...commitToItem(commit),
        events: JSON.stringify([{ type: 'AidFlowReported', schemaVersion: 2 }]),
      }),
    ).toThrow(/invalid event/);
  });
});
