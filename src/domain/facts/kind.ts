/**
 * What a kind of fact is, in one place: the data its event carries (and how older versions of
 * that data are lifted), and the read models built from it — how two articles' facts meet in a
 * group, how a group becomes entries, where an entry sorts and under which facets it is indexed,
 * how a list request is planned, its API schema, its CSV rows with HXL tags, its GeoJSON features
 * and how the dashboard names it. The event store, the decider, the projector, the API, CSV and
 * OpenAPI iterate over the registry in ./index.ts.
 */
import * as z from 'zod';
import type { Contribution } from '../projections/model';

/** How a CSV cell is written: only free text can smuggle a spreadsheet formula. */
type CellKind = 'text' | 'number' | 'date' | 'code';

/** One CSV column: its header, its HXL hashtag (https://hxlstandard.org), its kind and its cell. */
export interface Column<R> {
  header: string;
  hxl: string;
  kind: CellKind;
  value(row: R): string | number | null;
}

export interface GeoFeature {
  type: 'Feature';
  geometry:
    | { type: 'Point'; coordinates: [number, number] }
    | { type: 'LineString'; coordinates: [number, number][] };
  properties: Record<string, unknown>;
}

/**
 * An index an entry is listed under besides the whole list: one partition per value (e.g.
 * `recipient=PRK`), sorted like the list unless the facet says otherwise. A list request reads
 * one partition, so its cost does not grow with what other partitions hold.
 */
export interface Facet<E> {
  name: string;
  values(entry: E): string[];
  sortKey?(entry: E): string;
}

/** How a list request is served: one partition, a range of its sort keys, then an exact test. */
export interface QueryPlan<E> {
  /** The facet partition to read, or null for the whole list. */
  facet: { name: string; value: string } | null;
  fromSk?: string;
  toSk?: string;
  keep(entry: E): boolean;
  /** Whether `keep` can reject entries the partition and range let through. */
  filtered: boolean;
}

/** What a group key may use besides the fact: the article that reports it. */
interface FactContext {
  /** The article's publication date, which dates a figure that gives no date of its own. */
  publishedAt: string | null;
}

export interface ViewSpec<N extends string, D, E, Q extends z.ZodRawShape = z.ZodRawShape> {
  name: N;
  /** The list route that pages through the view. */
  path: string;
  summary: string;
  /** The API schema of an entry; the read-model type is inferred from it. */
  entry: z.ZodType<E>;
  /** The key two articles share when they report the same thing. */
  groupKey(fact: D, context: FactContext): string;
  /** A pure function of the set of contributions (sorted canonically before it is called). */
  assemble(groupKey: string, contributions: Contribution<D>[]): E[];
  /** Where an entry sits in its list route; starts with the entry's date, so dates are key ranges. */
  sortKey(entry: E): string;
  /** The stable identity of an entry, unique in its view. */
  entryId(entry: E): string;
  facets: Facet<E>[];
  /** The route's own query parameters, besides paging and format. */
  filters: Q;
  /** Checks across parameters (e.g. `from` not after `to`). */
  checkQuery?(query: z.output<z.ZodObject<Q>>): { path: string; message: string } | null;
  plan(query: z.output<z.ZodObject<Q>>): QueryPlan<E>;
  /** One CSV row per entry, one value per cell. */
  csv: Column<E>[];
  geojson?(entry: E): GeoFeature[];
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
