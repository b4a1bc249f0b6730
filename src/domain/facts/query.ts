/**
 * How list requests are planned, the same way for every view: list sort keys start with the
 * entry's date, so `from`/`to` are key ranges in any partition; the most selective filter given
 * picks the facet partition to read; `updatedSince` reads the partition sorted by update time;
 * whatever remains is an exact test on the entries read.
 */
import * as z from 'zod';
import { lazy } from '../lazy';
import { inDateRange } from '../partial-date';
import type { Facet, QueryPlan } from './kind';

/** Entries changed at or after this instant (ISO 8601), for incremental sync. */
export const updatedSinceParam = lazy(() =>
  z
    .string()
    .trim()
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(s) &&
        !Number.isNaN(Date.parse(s)),
      'expected an ISO 8601 date or date-time, e.g. 2024-05-01T00:00:00Z',
    )
    .transform((s) => new Date(s).toISOString())
    .meta({
      description:
        'entries whose sources changed at or after this instant (ISO 8601); removals are not signalled, so sync in full now and then',
      example: '2024-05-01T00:00:00Z',
    }),
);

/** The facet that lists every entry by the time it last changed. */
export const updatedFacet = <E extends { updatedAt: string }>(
  idOf: (e: E) => string,
): Facet<E> => ({
  name: 'updated',
  values: () => ['all'],
  sortKey: (e) => `${e.updatedAt}|${idOf(e)}`,
});

export interface PlanInput<E> {
  /** Facets the query names, most selective first; undefined values are not filters. */
  facets: [name: string, value: string | undefined][];
  from?: string | undefined;
  to?: string | undefined;
  updatedSince?: string | undefined;
  /** The entry's date as the `from`/`to` filters compare it. */
  dateOf(entry: E): string | null;
  updatedAtOf(entry: E): string;
  /** Filters besides facets and dates, e.g. words to find. */
  also?: ((entry: E) => boolean) | undefined;
  /** How each facet's values come out of an entry, to test the facets not read. */
  facetValues(name: string, entry: E): string[];
}

export function planQuery<E>(input: PlanInput<E>): QueryPlan<E> {
  const given = input.facets.filter((f): f is [string, string] => f[1] !== undefined);
  const dated = Boolean(input.from || input.to);
  const keep = (e: E): boolean =>
    given.every(([name, value]) => input.facetValues(name, e).includes(value)) &&
    inDateRange(input.dateOf(e), input.from, input.to) &&
    (!input.updatedSince || input.updatedAtOf(e) >= input.updatedSince) &&
    (!input.also || input.also(e));
  const filtered = given.length > 0 || dated || Boolean(input.updatedSince) || Boolean(input.also);
  if (input.updatedSince && given.length === 0)
    return { facet: { name: 'updated', value: 'all' }, fromSk: input.updatedSince, keep, filtered };
  // Sort keys start with the (partial) date, year-less ones with '~' after every dated one;
  // bounding by whole years keeps partial dates like `2021-09|…` in, and `keep` is exact.
  const range = {
    ...(input.from ? { fromSk: input.from.slice(0, 4) } : {}),
    ...(dated ? { toSk: input.to ? `${input.to.slice(0, 4)}~` : '~' } : {}),
  };
  const first = given[0];
  return { facet: first ? { name: first[0], value: first[1] } : null, ...range, keep, filtered };
}
