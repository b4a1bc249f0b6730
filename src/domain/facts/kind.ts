/**
 * What a kind of fact is, in one place: the data its event carries (and how older versions of
 * that data are lifted), and the read models built from it — how two articles' facts meet in a
 * group, how a group becomes entries, where an entry sorts, how a list of entries is filtered,
 * its API schema, its CSV columns and how the dashboard names it. The event store, the decider,
 * the projector, the API, CSV and OpenAPI iterate over the registry in ./index.ts.
 */
import * as z from 'zod';
import type { Contribution } from '../projections/model';

/** One CSV column: its header, its HXL hashtag (https://hxlstandard.org) and its cell. */
export interface Column<E> {
  header: string;
  hxl: string;
  value(row: E): string | number | null;
}

/** How a list request is served: a range of list sort keys that holds every match, then an exact test. */
export interface QueryPlan<E> {
  fromSk?: string;
  toSk?: string;
  keep(entry: E): boolean;
  /** Whether `keep` can reject entries; if not, one read of a page's worth of groups fills a page. */
  filtered: boolean;
}

export interface ViewSpec<N extends string, D, E, Q extends z.ZodRawShape = z.ZodRawShape> {
  name: N;
  /** The list route that pages through the view. */
  path: string;
  summary: string;
  /** The API schema of an entry; the read-model type is inferred from it. */
  entry: z.ZodType<E>;
  /** The key two articles share when they report the same thing. */
  groupKey(fact: D): string;
  /** A pure function of the set of contributions (sorted canonically before it is called). */
  assemble(groupKey: string, contributions: Contribution<D>[]): E[];
  /** Where an entry sits in its list route. */
  sortKey(entry: E): string;
  /** The route's own query parameters, besides paging and format. */
  filters: Q;
  /** Checks across parameters (e.g. `from` not after `to`). */
  checkQuery?(query: z.output<z.ZodObject<Q>>): { path: string; message: string } | null;
  plan(query: z.output<z.ZodObject<Q>>): QueryPlan<E>;
  csv: Column<E>[];
  /** One line that names the entry, for the dashboard and screen readers. */
  describe(entry: E): string;
}

export interface FactKind<
  K extends string,
  T extends string,
  D,
  V extends ViewSpec<string, D, unknown>,
> {
  /** Where the extractor's output and an extraction's counts hold facts of this kind. */
  key: K;
  /** The event that reports a fact of this kind. */
  eventType: T;
  schemaVersion: number;
  /** The fact as its event's `data`: an object schema, so the API can extend it. */
  data: z.ZodType<D> & { shape: z.ZodRawShape };
  /** Lifts the `data` of an older schema version to the next one, keyed by the older version. */
  upcasters: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>;
  views: readonly V[];
}

/** Identity helpers that let TypeScript infer a kind's literal names and types from its module. */
export const defineView = <N extends string, D, E, Q extends z.ZodRawShape>(
  view: ViewSpec<N, D, E, Q>,
): ViewSpec<N, D, E, Q> => view;

export const defineFactKind = <
  K extends string,
  T extends string,
  D,
  V extends ViewSpec<string, D, unknown>,
>(
  kind: FactKind<K, T, D, V>,
): FactKind<K, T, D, V> => kind;

/** A free-text query parameter: trimmed, not empty, bounded. */
export const textParam = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'at most 200 characters')
    .meta({ description });
