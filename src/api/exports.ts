/**
 * Full exports of a view: every entry the filters match, as CSV (long format, HXL) or GeoJSON,
 * not one page. An export larger than an API answer may carry (API Gateway and Lambda stop at
 * 6 MB) is stored and answered with a redirect to a link that serves it.
 */
import type { ExportStore, ViewReader } from '../app/ports';
import type { AnyView } from '../domain/facts';
import type { Column, GeoFeature, QueryPlan } from '../domain/facts/kind';
import { sha256 } from '../domain/ids';
import type { ArticleRecord } from '../domain/projections/model';
import { ARTICLE_COLUMNS, csvHead, csvRows } from './csv';
import { problem, type Reply } from './http';
import { pageArticles, pageEntries, type PageOf, type Position } from './paging';
import { MAX_LIMIT } from './schemas';

/** Under the 6 MB a Lambda behind API Gateway may answer, with room for headers. */
const MAX_INLINE_BYTES = 5_000_000;
/** An export past this many entries is refused with a hint to narrow it. */
const MAX_EXPORT_ENTRIES = 200_000;

export interface ExportDeps {
  views: ViewReader;
  exports: ExportStore | null;
  maxInlineBytes?: number;
}

type Format = 'csv' | 'geojson';

/** What to export: the entries of a view its query plan picks, in one format. */
export interface ExportRequest {
  view: AnyView;
  plan: QueryPlan<unknown>;
  format: Format;
}

/**
 * Every page a list gives, or null once more than MAX_EXPORT_ENTRIES were read: counted as read,
 * not as matched, so a filter that keeps little cannot make an export read the whole view.
 */
async function everyEntry<T>(
  page: (cursor: Position | undefined) => Promise<PageOf<T>>,
): Promise<T[] | null> {
  const entries: T[] = [];
  let cursor: Position | undefined;
  let read = 0;
  do {
    const found = await page(cursor);
    entries.push(...found.items);
    read += found.read;
    if (read > MAX_EXPORT_ENTRIES) return null;
    cursor = found.next ?? undefined;
  } while (cursor);
  return entries;
}

function bodyOf(view: AnyView, entries: unknown[], format: Format): string {
  if (format === 'geojson') {
    const features = entries.flatMap(
      (e) => (view.geojson as ((e: unknown) => GeoFeature[]) | undefined)?.(e) ?? [],
    );
    return JSON.stringify({ type: 'FeatureCollection', features });
  }
  const columns = view.csv as Column<unknown>[];
  return csvHead(columns) + csvRows(columns, entries);
}

const MEDIA: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  geojson: 'application/geo+json',
};

/** An export's body inline, or past what an answer may carry, stored and linked to. */
async function deliver(
  deps: ExportDeps,
  file: { name: string; body: string; format: Format },
): Promise<Reply> {
  const { name, body, format } = file;
  const limit = deps.maxInlineBytes ?? MAX_INLINE_BYTES;
  if (Buffer.byteLength(body) > limit && deps.exports) {
    const url = await deps.exports.save(
      `${sha256(body).slice(0, 24)}/${name}`,
      body,
      MEDIA[format],
    );
    return {
      status: 303,
      contentType: 'text/plain; charset=utf-8',
      body: `See ${url}`,
      headers: { location: url },
    };
  }
  return {
    contentType: MEDIA[format],
    body,
    headers: { 'content-disposition': `attachment; filename="${name}"` },
  };
}

const tooMany = (instance: string) =>
  problem(
    413,
    `this export would read more than ${MAX_EXPORT_ENTRIES} entries; narrow the filters (e.g. from, to, a place)`,
    instance,
  );

export async function exportReply(
  deps: ExportDeps,
  { view, plan, format }: ExportRequest,
  instance: string,
): Promise<Reply> {
  const entries = await everyEntry((cursor) =>
    pageEntries(deps.views, view.name, plan, { limit: MAX_LIMIT, cursor }),
  );
  if (!entries) return tooMany(instance);
  const name = `${view.path.slice(1).replace(/\//g, '-')}.${format === 'csv' ? 'csv' : 'geojson'}`;
  return deliver(deps, { name, body: bodyOf(view, entries, format), format });
}

/** Every article the filters match, as CSV. */
export async function articlesExport(
  deps: ExportDeps,
  filters: { status: ArticleRecord['view']['status'] | undefined; updatedSince?: string },
  instance: string,
): Promise<Reply> {
  const records = await everyEntry((cursor) =>
    pageArticles(deps.views, { ...filters, limit: MAX_LIMIT, cursor }),
  );
  if (!records) return tooMany(instance);
  const views = records.map((r) => r.view);
  const body = csvHead(ARTICLE_COLUMNS) + csvRows(ARTICLE_COLUMNS, views);
  return deliver(deps, { name: 'articles.csv', body, format: 'csv' });
}
