/**
 * Case counts: how many were tested, confirmed, died… in a place, for a disease, as of a date.
 * Two articles meet on the place, disease, metric, period and day (without the year, so an
 * undated article's "Sept. 23" meets a dated one's; a count that gives no date is as of its
 * publication). Where they give different values for that, the entry says so: it is disputed,
 * and lists every value with who gives it.
 */
import * as z from 'zod';
import { lazy } from '../lazy';
import {
  dateBounds,
  dateKeyOf,
  dateSortKey,
  fromNotAfterTo,
  partialDateSchema,
  withYear,
} from '../partial-date';
import type { Contribution } from '../projections/model';
import {
  byYear,
  entryId,
  mostCommon,
  normName,
  reportedAtOf,
  sourcedBy,
  sourcedFields,
} from '../projections/sources';
import { attributionSchema } from './attribution';
import { defineFactKind, defineView, type Column, type Facet } from './kind';
import { diseaseParam, nameKey, nameParam, placeOf } from './names';
import { sourceColumns } from './provenance';
import { planQuery, updatedFacet, updatedSinceParam } from './query';

const METRICS = [
  'tested',
  'confirmed',
  'suspected',
  'fever',
  'deaths',
  'recovered',
  'under_treatment',
  'vaccinated',
  'doses_administered',
] as const;
export type Metric = (typeof METRICS)[number];

const QUALIFIERS = ['exact', 'approx', 'at_least', 'at_most'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** A running total ("so far", "in all") or the figure of one period ("new cases this week"). */
const PERIODS = ['cumulative', 'new'] as const;
export type Period = (typeof PERIODS)[number];

const caseCountData = lazy(() =>
  z.object({
    location: z.string().nullable(),
    metric: z.enum(METRICS),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS),
    asOf: partialDateSchema().nullable(),
    /** Lower-case canonical disease ("cholera", "covid-19"), or null when the article does not say. */
    disease: z.string().nullable(),
    period: z.enum(PERIODS),
    attribution: attributionSchema().nullable(),
  }),
);
export type CaseCountData = z.infer<ReturnType<typeof caseCountData>>;

const reportedValueSchema = lazy(() =>
  z
    .object({
      value: z.number(),
      qualifier: z.enum(QUALIFIERS),
      sourceCount: z.number().int(),
      sources: z.array(z.string()).meta({ description: 'ids of the articles giving this value' }),
    })
    .meta({ id: 'ReportedValue' }),
);
type ReportedValue = z.infer<ReturnType<typeof reportedValueSchema>>;

const caseCountEntrySchema = lazy(() =>
  z
    .object({
      id: z.string(),
      location: z.string().nullable(),
      country: z.string().nullable().meta({ description: 'the country the location is in' }),
      countryCode: z.string().nullable().meta({ description: 'its ISO 3166-1 alpha-3 code' }),
      adm1: z
        .string()
        .nullable()
        .meta({ description: 'the location, when it is a first-level subdivision' }),
      disease: z.string().nullable(),
      metric: z.enum(METRICS),
      period: z.enum(PERIODS),
      asOf: partialDateSchema().nullable().meta({
        description: 'the date the figure is as of, as stated',
      }),
      reportedAt: partialDateSchema()
        .nullable()
        .meta({ description: 'when it was first reported' }),
      value: z.number().meta({ description: 'the value most independent sources give' }),
      qualifier: z.enum(QUALIFIERS),
      disputed: z
        .boolean()
        .meta({ description: 'true when sources give different values for the same thing' }),
      values: z
        .array(reportedValueSchema())
        .meta({ description: 'every value given, most sources first' }),
      ...sourcedFields(),
    })
    .meta({ id: 'CaseCountEntry' }),
);
export type CaseCountEntry = z.infer<ReturnType<typeof caseCountEntrySchema>>;

type CountContribution = Contribution<CaseCountData>;

/** A count that gives no date of its own is as of the day its article was published. */
const effectiveDate = (c: CountContribution) => c.fact.asOf ?? c.statement.publishedAt;

/**
 * Values that one article gives side by side (a total and its part) are not in dispute: they
 * become separate entries. Values no article gives together are one disputed entry.
 */
function disputes(contributions: CountContribution[]): CountContribution[][] {
  const byValue = new Map<number, CountContribution[]>();
  for (const c of contributions)
    byValue.set(c.fact.value, [...(byValue.get(c.fact.value) ?? []), c]);
  const articles = (cs: CountContribution[]) => new Set(cs.map((c) => c.articleId));
  const ranked = [...byValue.values()].sort(
    (a, b) => articles(b).size - articles(a).size || a[0]!.fact.value - b[0]!.fact.value,
  );
  const entries: CountContribution[][][] = [];
  for (const value of ranked) {
    const mine = articles(value);
    const home = entries.find((e) => e.every((v) => ![...articles(v)].some((a) => mine.has(a))));
    if (home) home.push(value);
    else entries.push([value]);
  }
  return entries.map((e) => e.flat());
}

function valuesOf(part: CountContribution[]): ReportedValue[] {
  const byValue = new Map<number, CountContribution[]>();
  for (const c of part) byValue.set(c.fact.value, [...(byValue.get(c.fact.value) ?? []), c]);
  return [...byValue.values()]
    .map((cs): ReportedValue => {
      const sources = [...new Set(cs.map((c) => c.articleId))].sort();
      return {
        value: cs[0]!.fact.value,
        qualifier: mostCommon(
          cs.map((c) => c.fact.qualifier),
          QUALIFIERS,
        ),
        sourceCount: sources.length,
        sources,
      };
    })
    .sort((a, b) => b.sourceCount - a.sourceCount || a.value - b.value);
}

function countEntry(
  groupKey: string,
  year: string | null,
  part: CountContribution[],
): CaseCountEntry {
  const first = part[0]!.fact;
  const values = valuesOf(part);
  const place = placeOf(first.location);
  const asOfs = part.map((c) => c.fact.asOf).filter((d): d is string => d !== null);
  const asOf = asOfs.length
    ? withYear(year, dateKeyOf(asOfs.sort((a, b) => b.length - a.length)[0]!))
    : null;
  return {
    id: entryId('caseCounts', groupKey, year ?? '', String(values[0]!.value)),
    location: first.location,
    country: place?.country ?? null,
    countryCode: place?.countryCode ?? null,
    adm1: place?.kind === 'adm1' ? place.name : null,
    disease: first.disease,
    metric: first.metric,
    period: first.period,
    asOf,
    reportedAt: reportedAtOf(part.map((c) => c.statement)),
    value: values[0]!.value,
    qualifier: values[0]!.qualifier,
    disputed: values.length > 1,
    values,
    ...sourcedBy(part),
  };
}

function assemble(groupKey: string, contributions: CountContribution[]): CaseCountEntry[] {
  return [...byYear(contributions, effectiveDate)].flatMap(([year, part]) =>
    disputes(part).map((p) => countEntry(groupKey, year, p)),
  );
}

const whenOf = (e: CaseCountEntry) => e.asOf ?? e.reportedAt;

const FACETS: Facet<CaseCountEntry>[] = [
  { name: 'location', values: (e) => (e.location ? [nameKey(e.location)!] : []) },
  { name: 'country', values: (e) => (e.countryCode ? [e.countryCode] : []) },
  { name: 'disease', values: (e) => (e.disease ? [e.disease] : []) },
  { name: 'metric', values: (e) => [e.metric] },
  { name: 'period', values: (e) => [e.period] },
  updatedFacet((e) => e.id),
];
const facetValues = (name: string, e: CaseCountEntry) =>
  FACETS.find((f) => f.name === name)?.values(e) ?? [];

const caseCountFilters = lazy(() => ({
  ...dateBounds(),
  location: nameParam(
    'a place: a country (name, alias or ISO code; its subdivisions and cities included), a province or a city',
  ).optional(),
  disease: diseaseParam('the disease counted, e.g. covid-19 or coronavirus').optional(),
  metric: z.enum(METRICS).optional().meta({ description: 'what was counted' }),
  period: z
    .enum(PERIODS)
    .optional()
    .meta({ description: 'running totals or the figures of one period' }),
  updatedSince: updatedSinceParam().optional(),
}));

const METRIC_HXL: Record<Metric, string> = {
  tested: '#affected+tested',
  confirmed: '#affected+infected',
  suspected: '#affected+infected+suspected',
  fever: '#affected+fever',
  deaths: '#affected+killed',
  recovered: '#affected+recovered',
  under_treatment: '#affected+hospitalised',
  vaccinated: '#reached+vaccinated',
  doses_administered: '#output+doses',
};

const COUNT_COLUMNS: Column<CaseCountEntry>[] = [
  { header: 'id', hxl: '#meta+id', kind: 'code', value: (e) => e.id },
  { header: 'as_of', hxl: '#date+occurred', kind: 'date', value: (e) => e.asOf },
  { header: 'reported', hxl: '#date+reported', kind: 'date', value: (e) => e.reportedAt },
  { header: 'country', hxl: '#country+name', kind: 'text', value: (e) => e.country },
  { header: 'country_code', hxl: '#country+code', kind: 'code', value: (e) => e.countryCode },
  { header: 'adm1', hxl: '#adm1+name', kind: 'text', value: (e) => e.adm1 },
  { header: 'location', hxl: '#loc+name', kind: 'text', value: (e) => e.location },
  { header: 'disease', hxl: '#crisis+name', kind: 'code', value: (e) => e.disease },
  { header: 'metric', hxl: '#indicator+code', kind: 'code', value: (e) => e.metric },
  { header: 'period', hxl: '#indicator+period', kind: 'code', value: (e) => e.period },
  ...(Object.entries(METRIC_HXL) as [Metric, string][]).map(
    ([metric, hxl]): Column<CaseCountEntry> => ({
      header: metric,
      hxl,
      kind: 'number',
      value: (e) => (e.metric === metric ? e.value : null),
    }),
  ),
  { header: 'qualifier', hxl: '#meta+qualifier', kind: 'code', value: (e) => e.qualifier },
  {
    header: 'disputed',
    hxl: '#meta+disputed',
    kind: 'code',
    value: (e) => String(e.disputed),
  },
  {
    header: 'value_min',
    hxl: '#meta+value+min',
    kind: 'number',
    value: (e) => Math.min(...e.values.map((v) => v.value)),
  },
  {
    header: 'value_max',
    hxl: '#meta+value+max',
    kind: 'number',
    value: (e) => Math.max(...e.values.map((v) => v.value)),
  },
  ...sourceColumns<CaseCountEntry>(),
];

const caseCountsView = defineView({
  name: 'caseCounts',
  path: '/case-counts',
  summary:
    'Case counts by place, disease, metric, period and as-of date; differing values side by side as a dispute',
  get entry() {
    return caseCountEntrySchema();
  },
  groupKey: (d: CaseCountData, context) =>
    [
      normName(d.location),
      normName(d.disease),
      d.metric,
      d.period,
      dateKeyOf(d.asOf ?? context.publishedAt),
    ].join('|'),
  assemble,
  sortKey: (e: CaseCountEntry) =>
    `${dateSortKey(whenOf(e))}|${nameKey(e.location) ?? '~'}|${e.metric}|${e.id}`,
  entryId: (e: CaseCountEntry) => e.id,
  facets: FACETS,
  get filters() {
    return caseCountFilters();
  },
  checkQuery: fromNotAfterTo,
  plan: (q) => {
    const place = q.location?.entity;
    const byCountry = place?.type === 'place' && place.kind === 'country';
    return planQuery<CaseCountEntry>({
      facets: [
        [byCountry ? 'country' : 'location', q.location?.key],
        ['disease', q.disease],
        ['metric', q.metric],
        ['period', q.period],
      ],
      from: q.from,
      to: q.to,
      updatedSince: q.updatedSince,
      dateOf: whenOf,
      updatedAtOf: (e) => e.updatedAt,
      facetValues,
    });
  },
  csv: COUNT_COLUMNS,
  geojson: (e: CaseCountEntry) => {
    const place = placeOf(e.location);
    if (!place || place.lat === null || place.lon === null) return [];
    const { sources: _sources, ...properties } = e;
    return [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
        properties,
      },
    ];
  },
  describe: (e: CaseCountEntry) =>
    `${e.metric.replace('_', ' ')} in ${e.location ?? 'an unnamed place'}${e.disease ? ` (${e.disease})` : ''}: ${
      e.disputed ? e.values.map((v) => v.value).join(' or ') : e.value
    }${whenOf(e) ? ` as of ${whenOf(e)}` : ''}`,
});

/**
 * CaseCountReported v2 added the disease, whether the figure is a running total, and who states
 * it. Older events say none of it; the figures they recorded were read as totals.
 */
const v1toV2 = (data: Record<string, unknown>) => ({
  ...data,
  disease: null,
  period: 'cumulative',
  attribution: null,
});

export const caseCount = defineFactKind({
  key: 'caseCounts',
  eventType: 'CaseCountReported',
  schemaVersion: 2,
  get data() {
    return caseCountData();
  },
  upcasters: { 1: v1toV2 },
  views: [caseCountsView],
});
