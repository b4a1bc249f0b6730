import { describe, expect, it } from 'vitest';
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import { timeTickLabels } from '../../dashboard/charts';
import { segments } from '../../dashboard/highlight';
import {
  contrast,
  LINK_OPACITY,
  over,
  SERIES_COLORS,
  STATUS_COLORS,
  stylesFor,
} from '../../dashboard/palette';
import { corridorGraph } from '../../dashboard/sankey';

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

const source = (articleId: string, rewriteOf: string | null = null) => ({
  articleId,
  title: null,
  url: null,
  publishedAt: null,
  evidence: [],
  confidence: 0.7,
  attribution: null,
  rewriteOf,
});

const flow = (over: Partial<AidFlowEntry>): AidFlowEntry => ({
  id: Math.random().toString(36).slice(2),
  donor: 'China',
  donorCode: 'CHN',
  recipient: 'North Korea',
  recipientCode: 'PRK',
  itemGroup: 'vaccines',
  items: ['vaccines'],
  status: 'offered',
  date: null,
  reportedAt: null,
  quantity: null,
  disease: null,
  routes: [],
  confidence: 0.7,
  sourceCount: 1,
  independentSources: 1,
  sources: [source('a')],
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...over,
});

describe('the Sankey’s corridors', () => {
  const flows = [
    flow({ status: 'offered', date: '2021-03', sources: [source('a'), source('b', 'a')] }),
    flow({ status: 'rejected', date: '2021-07-02', sources: [source('c')] }),
    flow({ status: 'pledged', date: null, reportedAt: '2020-01-01', sources: [source('a')] }),
    flow({ donor: 'WHO', donorCode: null, status: 'delivered', sources: [source('d')] }),
  ];

  it('draws one band per donor → recipient pair, however many stages it has', () => {
    const { nodes, links } = corridorGraph(flows);
    expect(links.map((l) => [l.source, l.target])).toEqual([
      ['donor:china', 'recipient:north korea'],
      ['donor:who', 'recipient:north korea'],
    ]);
    expect(nodes.map((n) => n.id).sort()).toEqual([
      'donor:china',
      'donor:who',
      'recipient:north korea',
    ]);
  });

  it('makes a band as wide as the independent articles behind it: a rewrite adds nothing', () => {
    const [china] = corridorGraph(flows).links;
    expect(china!.value).toBe(2);
  });

  it('colours a band by the stage of its latest dated flow', () => {
    const [china, who] = corridorGraph(flows).links;
    expect(china!.status).toBe('rejected');
    expect(who!.status).toBe('delivered');
  });

  it('links a band to its flows and a country to its page, so both can be opened', () => {
    const { nodes, links } = corridorGraph(flows);
    expect(links[0]!.href).toBe('#flows?donor=China&recipient=North+Korea');
    expect(nodes.find((n) => n.id === 'recipient:north korea')!.href).toBe('#country/PRK');
    expect(nodes.find((n) => n.id === 'donor:who')!.href).toBe('#flows?donor=WHO');
  });
});

describe('time axes', () => {
  const utc = (s: string) => new Date(`${s}T00:00:00Z`);

  it('write the year under the first tick and wherever it changes', () => {
    expect(timeTickLabels(['2021-11-01', '2021-12-01', '2022-01-01'].map(utc))).toEqual([
      ['Nov', '2021'],
      ['Dec', null],
      ['Jan', '2022'],
    ]);
  });

  it('give days with their month, and a span of years as years', () => {
    expect(timeTickLabels(['2021-09-05', '2021-09-12'].map(utc))).toEqual([
      ['5 Sept', '2021'],
      ['12 Sept', null],
    ]);
    expect(timeTickLabels(['2020-01-01', '2021-01-01'].map(utc))).toEqual([
      ['2020', null],
      ['2021', null],
    ]);
  });
});

describe('colours', () => {
  it('give each country one style, the same in every chart of a page, never two alike', () => {
    const codes = [
      'PRK',
      'CHN',
      'HTI',
      'PAK',
      'YEM',
      'SDN',
      'SYR',
      'PER',
      'NPL',
      'BDI',
      'MWI',
      'UGA',
      'BGD',
      'COD',
    ];
    const styles = stylesFor(codes);
    const again = stylesFor([...codes].reverse());
    expect([...again]).toEqual([...styles]);
    const seen = new Set([...styles.values()].map((st) => `${st.color}|${st.shape}`));
    expect(seen.size).toBe(codes.length);
  });

  it('keep a country’s style when the page shows fewer countries, unless two would clash', () => {
    expect(stylesFor(['PRK']).get('PRK')).toEqual(stylesFor(['PRK', 'CHN']).get('PRK'));
  });

  it.each(SERIES_COLORS)('series colour %s has at least 3:1 contrast with the white card', (c) => {
    expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.entries(STATUS_COLORS))(
    'a %s band, drawn translucent, keeps at least 3:1 contrast with the white card',
    (_status, c) => {
      expect(contrast(over(c, LINK_OPACITY), '#ffffff')).toBeGreaterThanOrEqual(3);
    },
  );
});
