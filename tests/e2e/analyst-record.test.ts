/**
 * The acceptance, against a local stack of its own (DynamoDB Local, the local S3 server,
 * the handlers) with the samples/ articles and the seeds (../shared/seeds, when they are beside
 * the repository) ingested through S3, plus two articles of our own that disagree on a count.
 * Read through the HTTP API as an analyst would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack';
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import { clientsFor, eventually } from '../support/clients';

const root = path.resolve(import.meta.dirname, '../..');
const articlesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(txt|md|html|json)$/.test(f))
        .sort()
        .map((f) => ({ name: f, body: readFileSync(path.join(dir, f)) }))
    : [];
const seeds = articlesIn(path.resolve(root, '../shared/seeds'));
if (!seeds.length)
  console.warn('the seeds are not beside the repository: checking the samples/ articles alone');

/** Two reports of one day's cholera deaths in one country, giving different figures. */
const DISPUTING = [
  {
    name: 'zambia-cholera-ministry.txt',
    body: [
      'Zambia widens cholera vaccination as deaths rise',
      '',
      'LUSAKA, March 5, 2024 -- Cholera has killed 412 people in Zambia as of March 3, 2024, the health ministry said. Teams took oral vaccines to townships around the capital.',
      '',
      'Officials said schools would stay closed for another week while water tankers reached the worst-hit compounds.',
    ].join('\n'),
  },
  {
    name: 'zambia-cholera-agencies.txt',
    body: [
      'Relief agencies warn of cholera strain on Zambian clinics',
      '',
      'LUSAKA, March 8, 2024 -- Aid groups working in Lusaka said clinics were running short of rehydration salts and beds. Zambia has reported 398 deaths from cholera as of March 3, 2024.',
      '',
      'The groups appealed for funding to keep treatment centres open through the rainy season, which usually ends in April.',
    ].join('\n'),
  },
];

const corpus = [...articlesIn(path.join(root, 'samples')), ...seeds, ...DISPUTING];

let stack: LocalStack;
let api: ReturnType<typeof clientsFor>;

/** CSV records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '',
    record: string[] = [],
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') [record, field] = [[...record, field], ''];
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      records.push([...record, field]);
      [record, field] = [[], ''];
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, apiPort: 0 });
  api = clientsFor(stack);
  for (const a of corpus) await api.upload(a.name, a.body);
  await eventually(
    async () => {
      const listed = await api.getAll<{ fileName: string }>('/articles');
      return corpus.every((a) => listed.some((l) => l.fileName === a.name)) ? true : undefined;
    },
    90_000,
    'every upload to be listed',
  );
  await api.settledViews();
});

afterAll(async () => {
  await stack?.stop();
});

describe('aid flows: one stage, sources that are articles', () => {
  it('lists no article twice in an entry, and counts articles, not sentences', async () => {
    const flows = await api.getAll<AidFlowEntry>('/aid-flows');
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) {
      const ids = f.sources.map((s) => s.articleId);
      expect(new Set(ids).size, f.id).toBe(ids.length);
      expect(f.sourceCount, f.id).toBe(ids.length);
      expect(f.independentSources).toBeLessThanOrEqual(f.sourceCount);
    }
  });

  it('gives every entry its status, and a reportedAt whenever one of its articles is dated', async () => {
    const flows = await api.getAll<AidFlowEntry>('/aid-flows');
    for (const f of flows) {
      expect(f.status, f.id).toBeTruthy();
      const published = f.sources.map((s) => s.publishedAt).filter((d): d is string => !!d);
      if (published.length) expect(f.reportedAt, f.id).toBe([...published].sort()[0]);
    }
  });

  it('accepts from=2022-01-01 and keeps only flows placed in or after 2022', async () => {
    const { status } = await api.get('/aid-flows?from=2022-01-01');
    expect(status).toBe(200);
    const flows = await api.getAll<AidFlowEntry>('/aid-flows?from=2022-01-01');
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) expect((f.date ?? f.reportedAt)! >= '2022', f.id).toBe(true);
  });
});

describe('case counts: names in any spelling, disputes side by side', () => {
  it('answers location=PRK exactly as location=North Korea', async () => {
    const byCode = await api.get<{ items: CaseCountEntry[] }>('/case-counts?location=PRK');
    const byName = await api.get<{ items: CaseCountEntry[] }>(
      '/case-counts?location=North%20Korea',
    );
    expect(byCode.status).toBe(200);
    expect(byCode.body).toEqual(byName.body);
    if (seeds.length) expect(byCode.body.items.length).toBeGreaterThan(0);
  });

  it('finds counts by disease: /case-counts?disease=covid-19 holds COVID-19 counts and only them', async () => {
    const covid = await api.getAll<CaseCountEntry>('/case-counts?disease=covid-19');
    expect(covid.length).toBeGreaterThan(0);
    for (const e of covid) expect(e.disease).toBe('covid-19');
    const all = await api.getAll<CaseCountEntry>('/case-counts');
    expect(covid.length).toBeLessThan(all.length);
  });

  it('makes two articles giving different counts for one place, metric and date one disputed entry', async () => {
    const deaths = await api.getAll<CaseCountEntry>('/case-counts?location=ZMB&metric=deaths');
    const day = deaths.filter((e) => e.asOf === '2024-03-03');
    expect(day).toHaveLength(1);
    expect(day[0]!.disputed).toBe(true);
    expect(day[0]!.values.map((v) => v.value).sort()).toEqual([398, 412]);
    for (const v of day[0]!.values) expect(v.sources).toHaveLength(1);
    expect(day[0]!.sourceCount).toBe(2);
  });
});

describe('exports', () => {
  it('CSV: a BOM, a file name, an HXL row with #country+code, and every row of every page', async () => {
    const res = await fetch(`${stack.apiUrl}/case-counts?format=csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const records = csvRecords(new TextDecoder().decode(bytes.slice(3)));
    const [header, hxl, ...rows] = records;
    expect(hxl).toContain('#country+code');
    expect(hxl!.every((tag) => tag.startsWith('#'))).toBe(true);
    expect(hxl).toHaveLength(header!.length);
    const items = await api.getAll<CaseCountEntry>('/case-counts');
    expect(items.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(items.length);
  });

  it('GeoJSON: a FeatureCollection of Points', async () => {
    const { status, body } = await api.get<{
      type: string;
      features: { type: string; geometry: { type: string; coordinates: number[] } }[];
    }>('/case-counts?format=geojson');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBeGreaterThan(0);
    for (const f of body.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates).toHaveLength(2);
    }
  });
});
