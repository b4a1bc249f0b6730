/**
 * Case counts: how many were tested, confirmed, died… in a place, as of a date. Two articles meet
 * on the place, metric, value and as-of day (the year apart, so an undated article's "Sept. 23"
 * meets a dated one's); assembly splits the group again where dated sources give different years.
 */
import * as z from 'zod';
import {
  dateBounds,
  dateKeyOf,
  dateSortKey,
  fromNotAfterTo,
  inDateRange,
  PartialDateSchema,
  withYear,
} from '../partial-date';
import type { Contribution } from '../projections/model';
import {
  byYear,
  corroborated,
  entryId,
  MAX_SOURCES_PER_ENTRY,
  mostCommon,
  normName,
  sourcedFields,
  strongest,
  uniqueSources,
} from '../projections/sources';
import { AttributionSchema } from './attribution';
import { defineFactKind, defineView, textParam, type Column } from './kind';

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

export const CaseCountData = z.object({
  location: z.string().nullable(),
  metric: z.enum(METRICS),
  value: z.number(),
  qualifier: z.enum(QUALIFIERS),
  asOf: PartialDateSchema.nullable(),
  /** Lower-case canonical disease ("cholera", "covid-19"), or null when the article does not say. */
  disease: z.string().nullable(),
  period: z.enum(PERIODS),
  attribution: AttributionSchema.nullable(),
});
export type CaseCountData = z.infer<typeof CaseCountData>;

const CaseCountEntrySchema = z
  .object({
    id: z.string(),
    location: z.string().nullable(),
    metric: z.enum(METRICS),
    value: z.number(),
    qualifier: z.enum(QUALIFIERS),
    asOf: PartialDateSchema.nullable(),
    disease: z.string().nullable(),
    period: z.enum(PERIODS),
    ...sourcedFields,
  })
  .meta({ id: 'CaseCountEntry' });
export type CaseCountEntry = z.infer<typeof CaseCountEntrySchema>;

function assemble(
  groupKey: string,
  contributions: Contribution<CaseCountData>[],
): CaseCountEntry[] {
  const dateKey = dateKeyOf(contributions[0]!.fact.asOf);
  return [...byYear(contributions, (c) => c.fact.asOf)].map(([year, part]) => {
    const first = part[0]!.fact;
    const sources = uniqueSources(part);
    return {
      id: entryId('caseCounts', groupKey, year ?? ''),
      location: first.location,
      metric: first.metric,
      value: first.value,
      qualifier: mostCommon(
        part.map((c) => c.fact.qualifier),
        QUALIFIERS,
      ),
      asOf: withYear(year, dateKey),
      disease: first.disease,
      period: first.period,
      confidence: corroborated(sources),
      sourceCount: sources.length,
      sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    };
  });
}

/** A column per metric, because an HXL hashtag names what a column holds. */
const METRIC_HXL: Record<Metric, string> = {
  tested: '#affected+tested',
  confirmed: '#affected+infected+confirmed',
  suspected: '#affected+infected+suspected',
  fever: '#affected+fever',
  deaths: '#affected+killed',
  recovered: '#affected+recovered',
  under_treatment: '#affected+treated',
  vaccinated: '#reached+vaccinated',
  doses_administered: '#output+doses',
};

const CASE_COUNT_COLUMNS: Column<CaseCountEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'as_of', hxl: '#date+asof', value: (e) => e.asOf },
  { header: 'location', hxl: '#loc+name', value: (e) => e.location },
  { header: 'metric', hxl: '#indicator+code', value: (e) => e.metric },
  { header: 'value', hxl: '#indicator+value+num', value: (e) => e.value },
  { header: 'qualifier', hxl: '#indicator+qualifier', value: (e) => e.qualifier },
  { header: 'disease', hxl: '#crisis+name', value: (e) => e.disease },
  { header: 'period', hxl: '#indicator+period', value: (e) => e.period },
  ...(Object.entries(METRIC_HXL) as [Metric, string][]).map(
    ([metric, hxl]): Column<CaseCountEntry> => ({
      header: metric,
      hxl,
      value: (e) => (e.metric === metric ? e.value : null),
    }),
  ),
];

const caseCountFilters = {
  ...dateBounds,
  location: textParam('location name (case-insensitive, exact)').optional(),
  metric: z.enum(METRICS).optional().meta({ description: 'what was counted' }),
};

const caseCountsView = defineView({
  name: 'caseCounts',
  path: '/case-counts',
  summary: 'Case counts by location, metric and as-of date',
  entry: CaseCountEntrySchema,
  groupKey: (d: CaseCountData) =>
    [
      normName(d.location),
      d.metric,
      String(d.value),
      dateKeyOf(d.asOf),
      normName(d.disease),
      d.period,
    ].join('|'),
  assemble,
  sortKey: (e: CaseCountEntry) =>
    `${(e.location ?? '~').toLowerCase()}|${e.metric}|${dateSortKey(e.asOf)}|${String(e.value).padStart(15, '0')}|${e.id}`,
  filters: caseCountFilters,
  checkQuery: fromNotAfterTo,
  plan(q) {
    const location = q.location?.toLowerCase();
    const prefix = location && (q.metric ? `${location}|${q.metric}` : location);
    return {
      // Sort keys are location|metric|date|…, so the two name filters are key ranges.
      ...(prefix ? { fromSk: `${prefix}|`, toSk: `${prefix}}` } : {}),
      filtered: Boolean(q.metric || location || q.from || q.to),
      keep: (e: CaseCountEntry) =>
        (!location || e.location?.toLowerCase() === location) &&
        (!q.metric || e.metric === q.metric) &&
        inDateRange(e.asOf, q.from, q.to),
    };
  },
  csv: CASE_COUNT_COLUMNS,
  describe: (e: CaseCountEntry) =>
    `${e.metric.replace('_', ' ')} in ${e.location ?? 'an unnamed place'}: ${e.value}${e.asOf ? ` as of ${e.asOf}` : ''}`,
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
  data: CaseCountData,
  upcasters: { 1: v1toV2 },
  views: [caseCountsView],
});
