/**
 * CSV exports in the humanitarian community's convention: a header row, then an HXL hashtag
 * row (https://hxlstandard.org) under it so HXL tools can read the columns without a mapping.
 * Each fact kind names its own columns; every fact view adds the same provenance columns.
 */
import type { AnyView } from '../domain/facts';
import type { Column } from '../domain/facts/kind';
import type { ArticleView, Source } from '../domain/projections/model';

interface Sourced {
  confidence: number;
  sourceCount: number;
  sources: Source[];
}

const PROVENANCE: Column<Sourced>[] = [
  { header: 'confidence', hxl: '#meta+confidence', value: (e) => e.confidence },
  { header: 'source_count', hxl: '#meta+source+num', value: (e) => e.sourceCount },
  {
    header: 'sources',
    hxl: '#meta+source+url',
    value: (e) => e.sources.map((s) => s.url ?? `article:${s.articleId}`).join('; '),
  },
  {
    header: 'evidence',
    hxl: '#meta+evidence',
    value: (e) => e.sources[0]?.evidence.sentence ?? null,
  },
];

/** A view's own columns, then where its facts come from. */
export const columnsOf = (view: AnyView): Column<unknown>[] => [
  ...(view.csv as Column<unknown>[]),
  ...(PROVENANCE as Column<unknown>[]),
];

export const ARTICLE_COLUMNS: Column<ArticleView>[] = [
  { header: 'id', hxl: '#meta+id', value: (a) => a.id },
  { header: 'status', hxl: '#status', value: (a) => a.status },
  { header: 'title', hxl: '#meta+title', value: (a) => a.title },
  { header: 'url', hxl: '#meta+url', value: (a) => a.url },
  { header: 'published', hxl: '#date+published', value: (a) => a.publishedAt },
  { header: 'received', hxl: '#date+received', value: (a) => a.receivedAt },
  { header: 'file', hxl: '#meta+file', value: (a) => a.fileName },
  { header: 'aid_flows', hxl: '#meta+aidflows+num', value: (a) => a.counts.aidFlows ?? 0 },
  { header: 'case_counts', hxl: '#meta+casecounts+num', value: (a) => a.counts.caseCounts ?? 0 },
  { header: 'timeline', hxl: '#meta+timeline+num', value: (a) => a.counts.timeline ?? 0 },
  {
    header: 'rejection_reason',
    hxl: '#meta+rejection+code',
    value: (a) => a.rejection?.reason ?? null,
  },
  {
    header: 'rejection_detail',
    hxl: '#meta+rejection+description',
    value: (a) => a.rejection?.detail ?? null,
  },
];

/**
 * RFC 4180 quoting. Cells that a spreadsheet would run as a formula get a leading apostrophe:
 * article text is untrusted and an export is opened in Excel more often than not.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const lines = [
    columns.map((c) => cell(c.header)),
    columns.map((c) => c.hxl),
    ...rows.map((r) => columns.map((c) => cell(c.value(r)))),
  ];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
