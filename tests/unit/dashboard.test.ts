import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../dashboard/charts';
import { segments } from '../../dashboard/highlight';
import { layoutSankey } from '../../dashboard/sankey';

describe('evidence highlighting', () => {
  it('cuts the text at every evidence boundary and marks each piece with the facts covering it', () => {
    const text = 'One. Two three. Four.';
    const pieces = segments(text, [
      { start: 5, end: 15, key: 'a' },
      { start: 9, end: 21, key: 'b' },
    ]);
    expect(pieces.map((p) => [p.text, p.keys])).toEqual([
      ['One. ', []],
      ['Two ', ['a']],
      ['three.', ['a', 'b']],
      [' Four.', ['b']],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('ignores spans that are empty or outside the text instead of trusting them', () => {
    const pieces = segments('abc', [
      { start: 2, end: 2, key: 'empty' },
      { start: 5, end: 9, key: 'after' },
      { start: -3, end: 1, key: 'clamped' },
    ]);
    expect(pieces.map((p) => [p.text, p.keys])).toEqual([
      ['a', ['clamped']],
      ['bc', []],
    ]);
  });
});

describe('Sankey layout', () => {
  const input = {
    nodes: [
      { id: 'donor:who', name: 'WHO', side: 'donor' as const },
      { id: 'donor:unicef', name: 'UNICEF', side: 'donor' as const },
      { id: 'recipient:haiti', name: 'Haiti', side: 'recipient' as const },
      { id: 'recipient:peru', name: 'Peru', side: 'recipient' as const },
    ],
    links: [
      {
        source: 'donor:who',
        target: 'recipient:haiti',
        value: 3,
        status: 'shipped',
        itemGroups: [],
      },
      {
        source: 'donor:who',
        target: 'recipient:peru',
        value: 1,
        status: 'pledged',
        itemGroups: [],
      },
      {
        source: 'donor:unicef',
        target: 'recipient:peru',
        value: 2,
        status: 'delivered',
        itemGroups: [],
      },
    ],
  };

  it('gives each node the sum of its links and stacks the biggest first, without overlap', () => {
    const { nodes, height } = layoutSankey(input);
    expect(nodes.map((n) => [n.name, n.value])).toEqual([
      ['WHO', 4],
      ['UNICEF', 2],
      ['Haiti', 3],
      ['Peru', 3],
    ]);
    for (const side of ['donor', 'recipient']) {
      const col = nodes.filter((n) => n.side === side);
      for (let i = 1; i < col.length; i++) expect(col[i]!.y0).toBeGreaterThan(col[i - 1]!.y1);
      expect(col.at(-1)!.y1).toBeLessThanOrEqual(height + 1e-9);
    }
  });

  it('gives a band the same width at both ends, and fills each node exactly with its bands', () => {
    const { nodes, links } = layoutSankey(input);
    for (const l of links) expect(l.sy1 - l.sy0).toBeCloseTo(l.ty1 - l.ty0);
    for (const n of nodes) {
      const own = links.filter((l) => (n.side === 'donor' ? l.source : l.target) === n);
      const [lo, hi] =
        n.side === 'donor'
          ? [Math.min(...own.map((l) => l.sy0)), Math.max(...own.map((l) => l.sy1))]
          : [Math.min(...own.map((l) => l.ty0)), Math.max(...own.map((l) => l.ty1))];
      expect(lo).toBeCloseTo(n.y0);
      expect(hi).toBeCloseTo(n.y1);
    }
  });
});

describe('chart axes', () => {
  it.each([
    [40700, [0, 10000, 20000, 30000, 40000, 50000]],
    [3, [0, 1, 2, 3]],
    [0, [0, 1]],
  ])('ticks for a maximum of %d are round numbers covering it', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});
