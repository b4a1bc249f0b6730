/**
 * The timeline: dated happenings (an outbreak declared, a border closed, a shipment arrived).
 * Two articles meet on the day (without the year), the type and the countries and organisations
 * involved; assembly splits the group again where dated sources give different years.
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
  byIdentity,
  byYear,
  entryId,
  normName,
  sourcedBy,
  sourcedFields,
} from '../projections/sources';
import { attributionSchema } from './attribution';
import { defineFactKind, defineView, textParam, type Column, type Facet } from './kind';
import { nameKey, nameParam } from './names';
import { sourceColumns } from './provenance';
import { planQuery, updatedFacet, updatedSinceParam } from './query';

const HAPPENING_TYPES = [
  'aid',
  'cases',
  'policy',
  'statement',
  'outbreak',
  'vaccination',
  'other',
] as const;
export type HappeningType = (typeof HAPPENING_TYPES)[number];

const happeningData = lazy(() =>
  z.object({
    date: partialDateSchema(),
    type: z.enum(HAPPENING_TYPES),
    summary: z.string(),
    /** Canonical names of the countries and organisations involved: how articles recognise the same happening. */
    subjects: z.array(z.string()),
    attribution: attributionSchema().nullable(),
  }),
);
export type HappeningData = z.infer<ReturnType<typeof happeningData>>;

const timelineEntrySchema = lazy(() =>
  z
    .object({
      id: z.string(),
      date: partialDateSchema().meta({
        description: 'YYYY[-MM[-DD]], or --MM[-DD] when no source gives the year',
      }),
      type: z.enum(HAPPENING_TYPES),
      summary: z.string(),
      subjects: z.array(z.string()),
      ...sourcedFields(),
    })
    .meta({ id: 'TimelineEntry' }),
);
export type TimelineEntry = z.infer<ReturnType<typeof timelineEntrySchema>>;

function assemble(groupKey: string, contributions: Contribution<HappeningData>[]): TimelineEntry[] {
  const dateKey = dateKeyOf(contributions[0]!.fact.date);
  return [...byYear(contributions, (c) => c.fact.date)].map(([year, part]) => {
    const best = [...part].sort(
      (a, b) => b.statement.confidence - a.statement.confidence || byIdentity(a, b),
    )[0]!;
    return {
      id: entryId('timeline', groupKey, year ?? ''),
      date: withYear(year, dateKey) ?? best.fact.date,
      type: best.fact.type,
      summary: best.fact.summary,
      subjects: [...new Set(part.flatMap((c) => c.fact.subjects))].sort(),
      ...sourcedBy(part),
    };
  });
}

/** Subjects an entry is indexed under; a sentence naming dozens of countries is indexed by its first. */
const MAX_INDEXED_SUBJECTS = 12;

const FACETS: Facet<TimelineEntry>[] = [
  {
    name: 'subject',
    values: (e) => [...new Set(e.subjects.map((s) => nameKey(s)!))].slice(0, MAX_INDEXED_SUBJECTS),
  },
  { name: 'type', values: (e) => [e.type] },
  updatedFacet((e) => e.id),
];

const timelineFilters = lazy(() => ({
  ...dateBounds(),
  type: z.enum(HAPPENING_TYPES).optional().meta({ description: 'kind of happening' }),
  location: nameParam('a country, place or organisation among the entry’s subjects').optional(),
  q: textParam('words to find in the summary, subjects or evidence (case-insensitive)').optional(),
  updatedSince: updatedSinceParam().optional(),
}));

const TIMELINE_COLUMNS: Column<TimelineEntry>[] = [
  { header: 'id', hxl: '#meta+id', kind: 'code', value: (e) => e.id },
  { header: 'date', hxl: '#date+occurred', kind: 'date', value: (e) => e.date },
  { header: 'type', hxl: '#event+type', kind: 'code', value: (e) => e.type },
  { header: 'summary', hxl: '#description', kind: 'text', value: (e) => e.summary },
  ...sourceColumns<TimelineEntry>(),
];

const mentions = (e: TimelineEntry, words: string) =>
  [
    e.summary,
    ...e.subjects,
    ...e.sources.flatMap((s) => [...s.evidence.map((x) => x.sentence), s.title ?? '']),
  ].some((t) => t.toLowerCase().includes(words));

const timelineView = defineView({
  name: 'timeline',
  path: '/timeline',
  summary: 'Dated happenings, chronological; year-less ones after the dated',
  get entry() {
    return timelineEntrySchema();
  },
  groupKey: (d: HappeningData) =>
    [dateKeyOf(d.date), d.type, [...new Set(d.subjects.map(normName))].sort().join('+')].join('|'),
  assemble,
  sortKey: (e: TimelineEntry) => `${dateSortKey(e.date)}|${e.type}|${e.id}`,
  entryId: (e: TimelineEntry) => e.id,
  facets: FACETS,
  get filters() {
    return timelineFilters();
  },
  checkQuery: fromNotAfterTo,
  plan: (q) => {
    const words = q.q?.toLowerCase();
    return planQuery<TimelineEntry>({
      facets: [
        ['subject', q.location?.key],
        ['type', q.type],
      ],
      from: q.from,
      to: q.to,
      updatedSince: q.updatedSince,
      dateOf: (e) => e.date,
      updatedAtOf: (e) => e.updatedAt,
      also: words ? (e) => mentions(e, words) : undefined,
      facetValues: (name, e) => FACETS.find((f) => f.name === name)?.values(e) ?? [],
    });
  },
  csv: TIMELINE_COLUMNS,
  describe: (e: TimelineEntry) => `${e.date}: ${e.summary}`,
});

/** HappeningReported v2 added who states the happening; older events do not say. */
const v1toV2 = (data: Record<string, unknown>) => ({ ...data, attribution: null });

export const happening = defineFactKind({
  key: 'timeline',
  eventType: 'HappeningReported',
  schemaVersion: 2,
  get data() {
    return happeningData();
  },
  upcasters: { 1: v1toV2 },
  views: [timelineView],
});
