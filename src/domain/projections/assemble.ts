/**
 * Turns the contributions of one group into view entries. A pure function of the *set* of
 * contributions: inputs are sorted canonically first, so any delivery order gives the same bytes.
 */
import { sha256 } from '../ids';
import { QUALIFIERS } from '../extractor/types';
import { dateKeyOf, dateSortKey, withYear, yearOf } from './dates';
import type {
  AidFlowEntry,
  AidFlowStatus,
  CaseCountEntry,
  Contribution,
  Entry,
  Source,
  TimelineEntry,
  ViewName,
} from './model';
import { AID_STATUSES } from '../extractor/types';

/** Code-point order, not the locale's: views must sort the same on every machine, and undated ("~~") last. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Of<V extends ViewName> = Extract<Contribution, { view: V }>;

const byIdentity = (a: Contribution, b: Contribution): number =>
  a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.factIndex - b.factIndex;

const entryId = (...parts: string[]): string => sha256(parts.join('\u001f')).slice(0, 16);

/** Independent sources each make a fact more likely: 1 - Π(1 - cᵢ), rounded for stable output. */
const corroborated = (sources: Source[]): number =>
  Math.round((1 - sources.reduce((p, s) => p * (1 - s.confidence), 1)) * 1000) / 1000;

function uniqueSources(contributions: Contribution[]): Source[] {
  const seen = new Map<string, Source>();
  for (const c of contributions)
    if (!seen.has(`${c.articleId}#${c.factIndex}`))
      seen.set(`${c.articleId}#${c.factIndex}`, c.source);
  return [...seen.values()];
}

/**
 * A fact that many articles report would otherwise carry every source, and its group item would
 * outgrow DynamoDB's 400 KB limit (bench:load hit it at a few hundred sources). Entries keep the
 * most confident sources, in article order, and say how many there are in all.
 */
export const MAX_SOURCES_PER_ENTRY = 25;
export const MAX_SOURCES_PER_STATUS = 5;

function strongest(sources: Source[], max: number): Source[] {
  if (sources.length <= max) return sources;
  const keep = new Set(
    [...sources]
      .sort(
        (a, b) =>
          b.confidence - a.confidence ||
          (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0),
      )
      .slice(0, max),
  );
  return sources.filter((s) => keep.has(s));
}

/**
 * Splits a group by the year its dated sources give. Year-less contributions take the year of
 * their corroborating dated sources when those agree on one; otherwise they stay year-less.
 */
function byYear<C extends Contribution>(
  contributions: C[],
  dateOf: (c: C) => string | null,
): Map<string | null, C[]> {
  const years = [
    ...new Set(contributions.map((c) => yearOf(dateOf(c))).filter((y): y is string => y !== null)),
  ].sort();
  const only = years.length === 1 ? years[0]! : null;
  const parts = new Map<string | null, C[]>();
  for (const c of contributions) {
    const year = yearOf(dateOf(c)) ?? only;
    parts.set(year, [...(parts.get(year) ?? []), c]);
  }
  return parts;
}

function mostCommon<T extends string>(values: T[], order: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]),
  )[0]![0];
}

function assembleCaseCounts(groupKey: string, contributions: Of<'caseCounts'>[]): CaseCountEntry[] {
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
      confidence: corroborated(sources),
      sourceCount: sources.length,
      sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    };
  });
}

function assembleTimeline(groupKey: string, contributions: Of<'timeline'>[]): TimelineEntry[] {
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

function assembleAidFlows(groupKey: string, contributions: Of<'aidFlows'>[]): AidFlowEntry[] {
  const first = contributions[0]!.fact;
  const statuses = new Map<string, AidFlowStatus>();
  for (const c of contributions) {
    const key = `${c.fact.status}|${c.fact.date ?? ''}`;
    const s = statuses.get(key) ?? {
      status: c.fact.status,
      date: c.fact.date,
      sourceCount: 0,
      sources: [],
    };
    s.sources.push(c.source);
    s.sourceCount++;
    statuses.set(key, s);
  }
  for (const s of statuses.values()) s.sources = strongest(s.sources, MAX_SOURCES_PER_STATUS);
  const quantities = new Map<string, { value: number; unit: string }>();
  for (const c of contributions)
    if (c.fact.quantity)
      quantities.set(`${c.fact.quantity.value}|${c.fact.quantity.unit}`, c.fact.quantity);
  const sources = uniqueSources(contributions);
  return [
    {
      id: entryId('aidFlows', groupKey),
      donor: first.donor,
      recipient: first.recipient,
      items: [...new Set(contributions.flatMap((c) => c.fact.items))].sort(),
      quantities: [...quantities.values()].sort(
        (a, b) => byCodePoint(a.unit, b.unit) || a.value - b.value,
      ),
      routes: [...new Set(contributions.flatMap((c) => c.fact.route))].sort(),
      statuses: [...statuses.values()].sort(
        (a, b) =>
          byCodePoint(dateSortKey(a.date), dateSortKey(b.date)) ||
          AID_STATUSES.indexOf(a.status) - AID_STATUSES.indexOf(b.status),
      ),
      confidence: corroborated(sources),
      sourceCount: sources.length,
      sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    },
  ];
}

/** Assembles a group; no contributions means no entries. */
export function assembleGroup(
  view: ViewName,
  groupKey: string,
  contributions: Contribution[],
): Entry[] {
  const sorted = [...contributions].sort(byIdentity);
  if (sorted.length === 0) return [];
  switch (view) {
    case 'caseCounts':
      return assembleCaseCounts(groupKey, sorted as Of<'caseCounts'>[]);
    case 'timeline':
      return assembleTimeline(groupKey, sorted as Of<'timeline'>[]);
    case 'aidFlows':
      return assembleAidFlows(groupKey, sorted as Of<'aidFlows'>[]);
  }
}

/** Where an entry sits in its list route: chronological for dated views, by name for flows. */
export function listSortKeyOf(view: ViewName, entry: Entry): string {
  switch (view) {
    case 'timeline': {
      const e = entry as TimelineEntry;
      return `${dateSortKey(e.date)}|${e.type}|${e.id}`;
    }
    case 'caseCounts': {
      const e = entry as CaseCountEntry;
      return `${(e.location ?? '~').toLowerCase()}|${e.metric}|${dateSortKey(e.asOf)}|${String(e.value).padStart(15, '0')}|${e.id}`;
    }
    case 'aidFlows': {
      const e = entry as AidFlowEntry;
      return `${(e.donor ?? '~').toLowerCase()}|${(e.recipient ?? '~').toLowerCase()}|${e.id}`;
    }
  }
}

/** A group's list position is that of its first entry. */
export function groupListSortKey(view: ViewName, entries: Entry[]): string | null {
  const keys = entries.map((e) => listSortKeyOf(view, e)).sort();
  return keys[0] ?? null;
}
