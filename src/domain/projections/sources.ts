/**
 * What every fact kind's assembler shares: sources deduplicated and capped, confidence
 * corroborated across them, stable entry ids, and the code-point order that makes views sort the
 * same on every machine.
 */
import * as z from 'zod';
import { sha256 } from '../ids';
import { yearOf } from '../partial-date';
import { SourceSchema, type Contribution, type Source } from './model';

/** Code-point order, not the locale's: views must sort the same on every machine, and undated ("~~") last. */
export const codePointOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical order of contributions, so any delivery order gives the same bytes. */
export const byIdentity = (a: Contribution, b: Contribution): number =>
  codePointOrder(a.articleId, b.articleId) || a.factIndex - b.factIndex;

export const entryId = (...parts: string[]): string => sha256(parts.join('\u001f')).slice(0, 16);

/** Names compared as group keys: case and spacing do not make two facts different. */
export const normName = (s: string | null): string =>
  (s ?? '-').toLowerCase().replace(/\s+/g, ' ').trim();

/** Independent sources each make a fact more likely: 1 - Π(1 - cᵢ), rounded for stable output. */
export const corroborated = (sources: Source[]): number =>
  Math.round((1 - sources.reduce((p, s) => p * (1 - s.confidence), 1)) * 1000) / 1000;

export function uniqueSources(contributions: Contribution[]): Source[] {
  const seen = new Map<string, Source>();
  for (const c of contributions) {
    const id = `${c.articleId}#${c.factIndex}`;
    if (!seen.has(id)) seen.set(id, c.source);
  }
  return [...seen.values()];
}

/**
 * A fact that many articles report would otherwise carry every source, and its group item would
 * outgrow DynamoDB's 400 KB limit (bench:load hit it at a few hundred sources). Entries keep the
 * most confident sources, in article order, and say how many there are in all.
 */
export const MAX_SOURCES_PER_ENTRY = 25;

export function strongest(sources: Source[], max: number): Source[] {
  if (sources.length <= max) return sources;
  const keep = new Set(
    [...sources]
      .sort((a, b) => b.confidence - a.confidence || codePointOrder(a.articleId, b.articleId))
      .slice(0, max),
  );
  return sources.filter((s) => keep.has(s));
}

/** The provenance fields every entry carries. */
export const sourcedFields = {
  confidence: z.number().meta({ description: 'corroborated confidence of the entry, 0–1' }),
  sourceCount: z.number().int().meta({
    description: 'how many articles report it; `sources` holds the most confident of them',
  }),
  sources: z.array(SourceSchema),
};

/**
 * Splits a group by the year its dated sources give. Year-less contributions take the year of
 * their corroborating dated sources when those agree on one; otherwise they stay year-less.
 */
export function byYear<C>(
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

/** The value most sources give; ties go to the earlier one in `order`. */
export function mostCommon<T extends string>(values: T[], order: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]),
  )[0]![0];
}
