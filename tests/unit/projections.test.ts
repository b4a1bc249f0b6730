import { describe, expect, it } from 'vitest';
import type { AidFlowEntry, CorridorEntry } from '../../src/domain/facts/aid-flow';
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import type { TimelineEntry } from '../../src/domain/facts/happening';
import { projectAll } from '../../src/domain/projections/project-all';
import {
  aidFlow,
  caseCount,
  evidence,
  extracted,
  happening,
  ingestCommit,
  reextractCommit,
} from '../support/builders';

describe('case counts projection', () => {
  it('given three articles report 40,700 tested as of Sept. 23, then there is one entry with three sources', () => {
    const views = projectAll([
      ingestCommit('a', extracted({ caseCounts: [caseCount({ asOf: '--09-23' })] })),
      ingestCommit(
        'b',
        extracted({
          caseCounts: [
            caseCount({
              asOf: '--09-23',
              evidence: evidence('tested 40,700 people through Sept. 23'),
            }),
          ],
        }),
      ),
      ingestCommit(
        'c',
        extracted({
          publishedAt: '2021-10-07',
          caseCounts: [caseCount({ asOf: '2021-09-23', qualifier: 'approx' })],
        }),
      ),
    ]);
    expect(views.caseCounts).toHaveLength(1);
    const entry = views.caseCounts[0] as CaseCountEntry;
    expect(entry.sources.map((s) => s.articleId).sort()).toEqual(['a', 'b', 'c']);
    expect(entry.value).toBe(40700);
    expect(entry.asOf).toBe('2021-09-23');
    expect(entry.confidence).toBeGreaterThan(0.8);
  });

  it('given two articles differ on a value, then one disputed entry holds both values and who gives each', () => {
    const views = projectAll([
      ingestCommit(
        'a',
        extracted({ caseCounts: [caseCount({ metric: 'deaths', value: 50, asOf: null })] }),
      ),
      ingestCommit(
        'b',
        extracted({ caseCounts: [caseCount({ metric: 'deaths', value: 68, asOf: null })] }),
      ),
    ]);
    const [entry, ...rest] = views.caseCounts as CaseCountEntry[];
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ disputed: true, value: 50 });
    expect(entry!.values.map((v) => [v.value, v.sources])).toEqual([
      [50, ['a']],
      [68, ['b']],
    ]);
  });

  it('given dated sources that disagree on the year, then the year-less source is not forced into either', () => {
    const views = projectAll([
      ingestCommit('a', extracted({ caseCounts: [caseCount({ asOf: '2021-09-23' })] })),
      ingestCommit('b', extracted({ caseCounts: [caseCount({ asOf: '2022-09-23' })] })),
      ingestCommit('c', extracted({ caseCounts: [caseCount({ asOf: '--09-23' })] })),
    ]);
    expect((views.caseCounts as CaseCountEntry[]).map((e) => e.asOf)).toEqual([
      '2021-09-23',
      '2022-09-23',
      '--09-23',
    ]);
  });
});

describe('widely reported facts', () => {
  it('given 40 articles report the same count, then the entry counts all 40 and carries the 25 most confident', () => {
    const views = projectAll(
      Array.from({ length: 40 }, (_, i) =>
        ingestCommit(
          `a${String(i).padStart(2, '0')}`,
          extracted({ caseCounts: [caseCount({ confidence: i % 2 ? 0.9 : 0.5 })] }),
        ),
      ),
    );
    const entry = views.caseCounts[0] as CaseCountEntry;
    expect(entry.sourceCount).toBe(40);
    expect(entry.sources).toHaveLength(25);
    expect(entry.sources.filter((s) => s.confidence === 0.9)).toHaveLength(20);
    expect(entry.sources.map((s) => s.articleId)).toEqual(
      [...entry.sources.map((s) => s.articleId)].sort(),
    );
  });
});

describe('timeline projection', () => {
  it('given an undated and a dated report of the same happening, then the entry takes the dated year', () => {
    const views = projectAll([
      ingestCommit(
        'a',
        extracted({
          timeline: [
            happening({ date: '--08', type: 'statement', subjects: ['UN', 'North Korea'] }),
          ],
        }),
      ),
      ingestCommit(
        'b',
        extracted({
          timeline: [
            happening({ date: '2021-08', type: 'statement', subjects: ['North Korea', 'UN'] }),
          ],
        }),
      ),
    ]);
    expect(views.timeline).toHaveLength(1);
    expect((views.timeline[0] as TimelineEntry).date).toBe('2021-08');
  });

  it('lists dated entries chronologically and year-less ones after them', () => {
    const views = projectAll([
      ingestCommit(
        'a',
        extracted({
          timeline: [
            happening({ date: '2022-05-12', subjects: ['X'] }),
            happening({ date: '2020-01', subjects: ['Y'] }),
            happening({ date: '--04', subjects: ['Z'] }),
          ],
        }),
      ),
    ]);
    expect((views.timeline as TimelineEntry[]).map((e) => e.date)).toEqual([
      '2020-01',
      '2022-05-12',
      '--04',
    ]);
  });
});

describe('aid flows projection', () => {
  it('given shipped then delivered reports of one donor → recipient flow, then one entry per stage and one corridor with the history', () => {
    const views = projectAll([
      ingestCommit('a', extracted({ aidFlows: [aidFlow({ status: 'shipped', date: '2021-09' })] })),
      ingestCommit(
        'b',
        extracted({
          aidFlows: [
            aidFlow({
              status: 'delivered',
              date: '2021-10',
              items: ['medicines'],
              route: ['Nampo'],
            }),
          ],
        }),
      ),
    ]);
    const flows = views.aidFlows as AidFlowEntry[];
    expect(flows.map((f) => [f.status, f.date, f.routes])).toEqual([
      ['shipped', '2021-09', ['Dalian']],
      ['delivered', '2021-10', ['Nampo']],
    ]);
    const corridor = views.corridors[0] as CorridorEntry;
    expect(views.corridors).toHaveLength(1);
    expect(corridor.stages.map((s) => [s.status, s.date])).toEqual([
      ['shipped', '2021-09'],
      ['delivered', '2021-10'],
    ]);
    expect(corridor).toMatchObject({ latestStatus: 'delivered', latestDate: '2021-10' });
  });
});

describe('re-extraction', () => {
  it('given an article extracted again by a newer extractor, then views show only the latest extraction', () => {
    const first = ingestCommit('a', extracted({ caseCounts: [caseCount({ value: 100 })] }));
    const second = reextractCommit(
      [first],
      extracted({ extractorVersion: 'test-2', caseCounts: [caseCount({ value: 200 })] }),
    );
    const views = projectAll([second, first]);
    expect((views.caseCounts as CaseCountEntry[]).map((e) => e.value)).toEqual([200]);
    expect(views.articles[0]).toMatchObject({ extractionSeq: 2, extractorVersion: 'test-2' });
  });
});
