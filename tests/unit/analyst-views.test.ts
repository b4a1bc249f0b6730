/**
 * What analysts read: flows per stage with sources that are articles, rewrites that do not count
 * as confirmations, disputes side by side, names in any spelling, full exports and map features,
 * and list requests whose work stays bounded whatever they filter.
 */
import { describe, expect, it } from 'vitest';
import { MAX_READ, readBudget } from '../../src/api/paging';
import {
  aidFlow,
  caseCount,
  evidence,
  extracted,
  happening,
  ingestCommit,
} from '../support/builders';
import { apiOver } from '../support/api';

const STORY = [
  'Health officials in Harare said a shipment of cholera vaccines reached the capital on Monday.',
  'The doses were bought with money from a regional fund and flown in from Johannesburg.',
  'Nurses began giving the vaccine in the worst-hit suburbs the same afternoon.',
  'The outbreak has killed dozens of people since it began in the east of the country in March.',
  'Aid groups warned that clean water remains scarce in several districts.',
].join(' ');
const REWORDED = STORY.replace(
  'Health officials in Harare said',
  'Officials in Harare reported that',
)
  .replace('the same afternoon', 'that afternoon')
  .replace('remains scarce', 'is still scarce');
const OTHER =
  'Donors pledged fresh money for water and sanitation after a week of heavy rain flooded wells across the south, and engineers began repairs.';

const flowIn = (id: string, text: string, publishedAt: string, over = {}) =>
  ingestCommit(
    id,
    extracted({
      text,
      publishedAt,
      aidFlows: [
        aidFlow({
          donor: 'UNICEF',
          recipient: 'Zimbabwe',
          items: ['vaccines'],
          status: 'delivered',
          date: '2024-03-04',
          route: [],
          disease: 'cholera',
          evidence: evidence(text.split('. ')[0]!),
          ...over,
        }),
        aidFlow({
          donor: 'UNICEF',
          recipient: 'Zimbabwe',
          items: ['vaccines'],
          status: 'delivered',
          date: '2024-03',
          route: [],
          disease: 'cholera',
          evidence: evidence(text.split('. ')[1] ?? text),
        }),
      ],
    }),
  );

describe('aid flows as reported stages', () => {
  it('lists each article once per entry, with all its sentences, and counts articles', async () => {
    const { call } = await apiOver([flowIn('a0000000000000000000000a', STORY, '2024-03-05')]);
    const [entry] = (await call('/aid-flows')).json.items;
    expect(entry).toMatchObject({
      donor: 'UNICEF',
      donorCode: null,
      recipient: 'Zimbabwe',
      recipientCode: 'ZWE',
      status: 'delivered',
      date: '2024-03-04',
      reportedAt: '2024-03-05',
      disease: 'cholera',
      sourceCount: 1,
    });
    expect(entry.sources).toHaveLength(1);
    expect(entry.sources[0].evidence).toHaveLength(2);
  });

  it('a rewrite of one story is a source but not an independent one', async () => {
    const { call } = await apiOver([
      flowIn('a0000000000000000000000a', STORY, '2024-03-05'),
      flowIn('a0000000000000000000000b', REWORDED, '2024-03-06'),
      flowIn('a0000000000000000000000c', OTHER, '2024-03-07'),
    ]);
    const [entry] = (await call('/aid-flows')).json.items;
    expect(entry).toMatchObject({ sourceCount: 3, independentSources: 2 });
    const rewrite = entry.sources.find((s: { articleId: string }) => s.articleId.endsWith('b'));
    expect(rewrite.rewriteOf).toBe('a0000000000000000000000a');
  });

  it('separates stages and occasions, and a corridor lists them in date order with its latest status', async () => {
    const flow = (id: string, status: 'pledged' | 'delivered', date: string) =>
      ingestCommit(
        id,
        extracted({
          publishedAt: date,
          aidFlows: [
            aidFlow({
              donor: 'Japan',
              recipient: 'Iran',
              items: ['vaccines'],
              status,
              date,
              route: [],
            }),
          ],
        }),
      );
    const { call } = await apiOver([
      flow('b0000000000000000000000a', 'pledged', '2021-06-10'),
      flow('b0000000000000000000000b', 'delivered', '2021-07-30'),
      flow('b0000000000000000000000c', 'delivered', '2021-09-14'),
    ]);
    const flows = (await call('/aid-flows?from=2021-07-01')).json.items;
    expect(flows.map((f: { status: string; date: string }) => [f.status, f.date])).toEqual([
      ['delivered', '2021-07-30'],
      ['delivered', '2021-09-14'],
    ]);
    const [corridor] = (await call('/aid-flows/corridors?donor=JPN')).json.items;
    expect(corridor.stages.map((s: { status: string }) => s.status)).toEqual([
      'pledged',
      'delivered',
      'delivered',
    ]);
    expect(corridor).toMatchObject({
      latestStatus: 'delivered',
      latestDate: '2021-09-14',
      recipientCode: 'IRN',
    });
  });

  it('keeps the donor’s and recipient’s own country and capital out of the route', async () => {
    const { call } = await apiOver([
      ingestCommit(
        'c0000000000000000000000a',
        extracted({
          aidFlows: [
            aidFlow({
              donor: 'China',
              recipient: 'North Korea',
              route: ['Beijing', 'Pyongyang', 'Dandong', 'Chinese'],
            }),
          ],
        }),
      ),
    ]);
    expect((await call('/aid-flows')).json.items[0].routes).toEqual(['Dandong']);
  });
});

describe('case counts', () => {
  const count = (id: string, value: number, publishedAt: string, over = {}) =>
    ingestCommit(
      id,
      extracted({
        publishedAt,
        caseCounts: [
          caseCount({
            location: 'North Korea',
            metric: 'deaths',
            value,
            asOf: '2022-05-15',
            disease: 'covid-19',
            ...over,
          }),
        ],
      }),
    );

  it('two articles giving different counts for one place, disease, metric and date are one disputed entry', async () => {
    const { call } = await apiOver([
      count('d0000000000000000000000a', 50, '2022-05-16'),
      count('d0000000000000000000000b', 56, '2022-05-17'),
      count('d0000000000000000000000c', 56, '2022-05-18'),
    ]);
    const items = (await call('/case-counts')).json.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ disputed: true, value: 56, countryCode: 'PRK' });
    expect(
      items[0].values.map((v: { value: number; sourceCount: number }) => [v.value, v.sourceCount]),
    ).toEqual([
      [56, 2],
      [50, 1],
    ]);
  });

  it('values one article gives side by side are separate entries, not a dispute', async () => {
    const { call } = await apiOver([
      ingestCommit(
        'd0000000000000000000000d',
        extracted({
          caseCounts: [
            caseCount({ value: 40700, evidence: evidence('In all, 40,700 people were tested.') }),
            caseCount({ value: 573, evidence: evidence('Of them, 573 were health workers.') }),
          ],
        }),
      ),
    ]);
    const items = (await call('/case-counts')).json.items;
    expect(
      items.map((e: { value: number; disputed: boolean }) => [e.value, e.disputed]).sort(),
    ).toEqual([
      [40700, false],
      [573, false],
    ]);
  });

  it('a place answers to its name, an alias and its ISO code; an ambiguous name is refused with the candidates', async () => {
    const { call } = await apiOver([
      count('e0000000000000000000000a', 50, '2022-05-16'),
      ingestCommit(
        'e0000000000000000000000b',
        extracted({
          caseCounts: [
            caseCount({ location: 'Pyongyang', metric: 'fever', value: 1200, asOf: '2022-05-14' }),
          ],
        }),
      ),
    ]);
    const by = async (q: string) => (await call(`/case-counts?${q}`)).json.items;
    const named = await by('location=North%20Korea');
    expect(named).toHaveLength(2);
    expect(await by('location=PRK')).toEqual(named);
    expect(await by('location=DPRK')).toEqual(named);
    expect((await by('location=Pyongyang')).map((e: { metric: string }) => e.metric)).toEqual([
      'fever',
    ]);
    expect(await by('disease=coronavirus')).toEqual(await by('disease=covid-19'));
    expect(await by('disease=covid-19')).toHaveLength(1);
    const congo = await call('/case-counts?location=Congo');
    expect(congo.status).toBe(400);
    expect(congo.json.errors[0]).toMatchObject({ parameter: 'location' });
    expect(congo.json.errors[0].message).toMatch(
      /Democratic Republic of the Congo.*Republic of the Congo/,
    );
  });

  it('answers GeoJSON: a FeatureCollection of Points at the places counted', async () => {
    const { call } = await apiOver([count('f0000000000000000000000a', 50, '2022-05-16')]);
    const res = await call('/case-counts?format=geojson');
    expect(res.headers['content-type']).toBe('application/geo+json');
    expect(res.json.type).toBe('FeatureCollection');
    expect(res.json.features).toHaveLength(1);
    expect(res.json.features[0].geometry.type).toBe('Point');
    expect(res.json.features[0].properties).toMatchObject({ location: 'North Korea', value: 50 });
  });

  it('exports every matching row in CSV, however many pages the JSON list takes', async () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      ingestCommit(
        `g${String(i).padStart(23, '0')}`,
        extracted({
          caseCounts: [
            caseCount({
              location: 'Haiti',
              metric: 'confirmed',
              value: 100 + i,
              asOf: `2022-${String(1 + (i % 12)).padStart(2, '0')}-01`,
            }),
          ],
        }),
      ),
    );
    const { call } = await apiOver(many);
    let items = 0;
    for (let cursor: string | null = null; ;) {
      const page: { json: { items: unknown[]; next: string | null } } = await call(
        `/case-counts?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      items += page.json.items.length;
      if (!(cursor = page.json.next)) break;
    }
    const csv = (await call('/case-counts?format=csv&limit=1')).body;
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.trimEnd().split('\r\n').length - 2).toBe(items);
  });

  it('hands an export larger than one answer over as a link', async () => {
    const { call, deps } = await apiOver([count('h0000000000000000000000a', 50, '2022-05-16')]);
    Object.assign(deps, { maxInlineBytes: 100 });
    const res = await call('/case-counts?format=csv');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^memory:\/\/exports\/[0-9a-f]+\/case-counts\.csv$/);
  });
});

describe('bounded work per request', () => {
  const timeline = Array.from({ length: MAX_READ + 200 }, (_, i) =>
    ingestCommit(
      `t${String(i).padStart(23, '0')}`,
      extracted({
        timeline: [
          happening({
            date: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
            subjects: [`Place ${i}`],
            summary: `Happening ${i}`,
          }),
        ],
      }),
    ),
  );

  it('a filter nothing matches reads no more than an unfiltered page would, and answers an empty page with a cursor to go on', async () => {
    const { call, deps } = await apiOver(timeline);
    let read = 0;
    const list = deps.views.listEntries.bind(deps.views);
    deps.views.listEntries = async (...args) => {
      const page = await list(...args);
      read += page.items.length;
      return page;
    };
    await call('/timeline?limit=100');
    const unfiltered = read;
    expect(unfiltered).toBe(101);
    const reads: number[] = [];
    let pages = 0;
    for (let cursor = ''; ; pages++) {
      read = 0;
      const page = (await call(`/timeline?q=zzzz${cursor ? `&cursor=${cursor}` : ''}`)).json;
      reads.push(read);
      expect(page.items).toEqual([]);
      if (!page.next) break;
      cursor = page.next;
    }
    expect(Math.max(...reads)).toBeLessThanOrEqual(unfiltered);
    // Each entry read once over the whole walk: the cursors neither skip nor repeat.
    expect(reads.reduce((a, b) => a + b, 0)).toBe(timeline.length);
    expect(pages).toBe(Math.ceil(timeline.length / readBudget(100)) - 1);
    read = 0;
    await call('/timeline?q=zzzz&limit=500');
    expect(read).toBeLessThanOrEqual(MAX_READ);
  });

  it('a filter served by an index reads only its own partition', async () => {
    const { call, deps } = await apiOver(timeline);
    let read = 0;
    const list = deps.views.listEntries.bind(deps.views);
    deps.views.listEntries = async (...args) => {
      const page = await list(...args);
      read += page.items.length;
      return page;
    };
    const found = (await call('/timeline?type=cases&location=Place%207')).json.items;
    expect(found.map((e: { summary: string }) => e.summary)).toEqual(['Happening 7']);
    expect(read).toBe(1);
  });

  it('updatedSince lists what changed at or after an instant', async () => {
    const { call } = await apiOver(timeline.slice(0, 3));
    expect((await call('/timeline?updatedSince=2000-01-01')).json.items).toHaveLength(3);
    expect((await call('/timeline?updatedSince=2999-01-01T00:00:00Z')).json.items).toEqual([]);
    expect((await call('/timeline?updatedSince=yesterday')).status).toBe(400);
  });

  it('updatedSince on /articles lists the articles recorded or re-extracted at or after an instant', async () => {
    const commits = [flowIn('a1', STORY, '2024-03-05'), flowIn('a2', OTHER, '2024-03-06')];
    const { call } = await apiOver(commits);
    const recorded = commits.map((c) => c.events.at(-1)!.recordedAt).sort();
    const since = (t: string) => call(`/articles?updatedSince=${encodeURIComponent(t)}`);
    expect((await since('2000-01-01')).json.items).toHaveLength(2);
    const later = (await since(recorded[1]!)).json.items;
    expect(later.map((a: { updatedAt: string }) => a.updatedAt)).toEqual([recorded[1]]);
    expect((await since('2999-01-01')).json.items).toEqual([]);
    expect((await call('/articles?updatedSince=soon')).status).toBe(400);
  });

  it('updatedSince on /articles reads at most a fixed number of articles and gives a cursor to go on', async () => {
    const { call, deps } = await apiOver(timeline);
    let read = 0;
    const list = deps.views.listArticles.bind(deps.views);
    deps.views.listArticles = async (...args) => {
      const page = await list(...args);
      read += page.items.length;
      return page;
    };
    let next = '';
    let total = 0;
    do {
      read = 0;
      const page = await call(
        `/articles?updatedSince=2999-01-01&limit=10${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
      );
      expect(read).toBeLessThanOrEqual(readBudget(10));
      expect(page.json.items).toEqual([]);
      total += read;
      next = page.json.next;
    } while (next);
    expect(total).toBe(timeline.length);
    const all = await call('/articles?updatedSince=2000-01-01&limit=500');
    expect(all.json.items).toHaveLength(500);
  });

  it('exports every article in CSV, not one page: a BOM, a file name, a row per article', async () => {
    const { call } = await apiOver(timeline);
    const res = await call('/articles?format=csv');
    expect(res.status).toBe(200);
    expect(res.body.startsWith('\ufeffid,')).toBe(true);
    expect(res.headers['content-disposition']).toBe('attachment; filename="articles.csv"');
    const rows = res.body.trimEnd().split('\r\n').slice(2);
    expect(rows).toHaveLength(timeline.length);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(timeline.length);
  });
});
