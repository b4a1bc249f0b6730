import { describe, expect, it } from 'vitest';
import { commitToItem, itemToCommit } from '../../src/adapters/commit-item';
import { upcast } from '../../src/domain/upcasters';
import { aidFlow, caseCount, extracted, happening, ingestCommit } from '../support/builders';

describe('reading events written with an older schema', () => {
  it('lifts AidFlowReported v1 (one item, no route) through v2 (items and route) to v3 (disease, attribution)', () => {
    const v1 = {
      type: 'AidFlowReported',
      schemaVersion: 1,
      data: { donor: 'WHO', item: 'vaccines', status: 'shipped' },
    };
    expect(upcast(v1)).toEqual({
      type: 'AidFlowReported',
      schemaVersion: 3,
      data: {
        donor: 'WHO',
        status: 'shipped',
        items: ['vaccines'],
        route: [],
        disease: null,
        attribution: null,
      },
    });
  });

  it('lifts CaseCountReported v1 to v2: no disease, a running total, no attribution', () => {
    const v1 = {
      type: 'CaseCountReported',
      schemaVersion: 1,
      data: { location: 'Haiti', metric: 'deaths', value: 3 },
    };
    expect(upcast(v1)).toEqual({
      type: 'CaseCountReported',
      schemaVersion: 2,
      data: {
        location: 'Haiti',
        metric: 'deaths',
        value: 3,
        disease: null,
        period: 'cumulative',
        attribution: null,
      },
    });
  });

  it('lifts HappeningReported v1 to v2 without an attribution', () => {
    const v1 = { type: 'HappeningReported', schemaVersion: 1, data: { date: '2021-09' } };
    expect(upcast(v1)).toEqual({
      type: 'HappeningReported',
      schemaVersion: 2,
      data: { date: '2021-09', attribution: null },
    });
  });

  it('given a stored commit holding v1 events, when the store reads it, then they validate as the current versions', () => {
    const commit = ingestCommit(
      'a',
      extracted({
        aidFlows: [aidFlow({ items: ['vaccines'], route: [] })],
        caseCounts: [caseCount()],
        timeline: [happening()],
      }),
    );
    const item = commitToItem(commit);
    const stored = JSON.parse(item.events!) as Record<string, unknown>[];
    for (const e of stored) {
      const data = { ...(e.data as Record<string, unknown>) };
      if (e.type === 'AidFlowReported') {
        const { items: _items, route: _route, disease: _d, attribution: _a, ...rest } = data;
        Object.assign(e, { schemaVersion: 1, data: { ...rest, item: 'vaccines' } });
      }
      if (e.type === 'CaseCountReported') {
        const { disease: _d, period: _p, attribution: _a, ...rest } = data;
        Object.assign(e, { schemaVersion: 1, data: rest });
      }
      if (e.type === 'HappeningReported') {
        const { attribution: _a, ...rest } = data;
        Object.assign(e, { schemaVersion: 1, data: rest });
      }
    }

    const read = itemToCommit({ ...item, events: JSON.stringify(stored) });

    expect(read).toEqual(commit);
  });

  it('leaves current events untouched and rejects ones that do not validate', () => {
    const commit = ingestCommit('a', extracted());
    expect(itemToCommit({ ...commitToItem(commit) })).toEqual(commit);
    expect(() =>
      itemToCommit({
        ...commitToItem(commit),
        events: JSON.stringify([{ type: 'AidFlowReported', schemaVersion: 3 }]),
      }),
    ).toThrow(/invalid event/);
  });
});
