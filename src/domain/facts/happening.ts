/**
 * The timeline: dated happenings (an outbreak declared, a border closed, a shipment arrived).
 * Two articles meet on the day (without the year), the type and the countries and organisations
 * involved; assembly splits the group again where dated sources give different years.
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
  byIdentity,
  byYear,
  corroborated,
  entryId,
  MAX_SOURCES_PER_ENTRY,
  normName,
  sourcedFields,
  strongest,
  uniqueSources,
} from '../projections/sources';
import { AttributionSchema } from './attribution';
import { defineFactKind, defineView, textParam, type Column } from './kind';

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

export const HappeningData = z.object({
  date: PartialDateSchema,
  type: z.enum(HAPPENING_TYPES),
  summary: z.string(),
  /** Canonical names of the countries and organisations involved: how articles recognise the same happening. */
  subjects: z.array(z.string()),
  attribution: AttributionSchema.nullable(),
});
export type HappeningData = z.infer<typeof HappeningData>;

const TimelineEntrySchema = z
  .object({
    id: z.string(),
    date: PartialDateSchema.meta({
      description: 'YYYY[-MM[-DD]], or --MM[-DD] when no source gives the year',
    }),
    type: z.enum(HAPPENING_TYPES),
    summary: z.string(),
    subjects: z.array(z.string()),
    ...sourcedFields,
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

function assemble(groupKey: string, contributions: Contribution<HappeningData>[]): TimelineEntry[] {
  const dateKey = dateKeyOf(contributions[0]!.fact.date);
  return [...byYear(contributions, (c) => c.fact.date)].map(([year, part]) => {
    const sources = uniqueSources(part);
    const best = [...part].sort(
      (a, b) => b.source.confidence - a.source.confidence || byIdentity(a, b),
    )[0]!;
    return {
      id: entryId('timeline', groupKey, year ?? ''),
      date: withYear(year, dateKey) ?? best.fact.date,
      type: best.fact.type,
      summary: best.fact.summary,
      subjects: [...new Set(part.flatMap((c) => c.fact.subjects))].sort(),
      confidence: corroborated(sources),
      sourceCount: sources.length,
      sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    };
  });
}

const TIMELINE_COLUMNS: Column<TimelineEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'date', hxl: '#date', value: (e) => e.date },
  { header: 'type', hxl: '#event+type', value: (e) => e.type },
  { header: 'summary', hxl: '#description', value: (e) => e.summary },
  { header: 'subjects', hxl: '#group+subjects', value: (e) => e.subjects.join('; ') },
];

const timelineFilters = {
  ...dateBounds,
  type: z.enum(HAPPENING_TYPES).optional().meta({ description: 'kind of happening' }),
  location: textParam(
    'a country or place among the entry’s subjects (case-insensitive)',
  ).optional(),
  q: textParam('words to find in the summary, subjects or evidence (case-insensitive)').optional(),
};

const timelineView = defineView({
  name: 'timeline',
  path: '/timeline',
  summary: 'Dated happenings, chronological; year-less ones after the dated',
  entry: TimelineEntrySchema,
  groupKey: (d: HappeningData) =>
    [dateKeyOf(d.date), d.type, [...new Set(d.subjects.map(normName))].sort().join('+')].join('|'),
  assemble,
  sortKey: (e: TimelineEntry) => `${dateSortKey(e.date)}|${e.type}|${e.id}`,
  filters: timelineFilters,
  checkQuery: fromNotAfterTo,
  plan(q) {
    const location = q.location?.toLowerCase(),
      words = q.q?.toLowerCase();
    const dated = Boolean(q.from || q.to);
    return {
      // Timeline sort keys start with the (partial) date, year-less ones with '~' after every dated
      // one; bounding by whole years keeps partial dates like `2021-09|…` in, and `keep` is exact.
      // Known gap: a group whose entries span years (same day, type and subjects) sorts by its
      // earliest, so `from` misses its later entries; one index item per entry would close it.
      ...(q.from ? { fromSk: q.from.slice(0, 4) } : {}),
      ...(dated ? { toSk: q.to ? `${q.to.slice(0, 4)}~` : '~' } : {}),
      filtered: Boolean(q.type || location || words || dated),
      keep: (e: TimelineEntry) =>
        (!q.type || e.type === q.type) &&
        (!location || e.subjects.some((s) => s.toLowerCase() === location)) &&
        (!words ||
          [
            e.summary,
            ...e.subjects,
            ...e.sources.flatMap((s) => [s.evidence.sentence, s.title ?? '']),
          ].some((t) => t.toLowerCase().includes(words))) &&
        inDateRange(e.date, q.from, q.to),
    };
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
  data: HappeningData,
  upcasters: { 1: v1toV2 },
  views: [timelineView],
});
