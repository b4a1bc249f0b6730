/**
 * CSV exports in the humanitarian community's convention: a header row, then an HXL hashtag row
 * (https://hxlstandard.org, core dictionary) so HXL tools read the columns without a mapping,
 * then one row per value (long format). UTF-8 with a byte-order mark, because Excel reads a CSV
 * without one in the machine's code page and garbles every curly quote.
 */
import type { Column } from '../domain/facts/kind';
import type { ArticleView } from '../domain/projections/model';

export const ARTICLE_COLUMNS: Column<ArticleView>[] = [
  { header: 'id', hxl: '#meta+id', kind: 'code', value: (a) => a.id },
  { header: 'status', hxl: '#status', kind: 'code', value: (a) => a.status },
  { header: 'title', hxl: '#meta+title', kind: 'text', value: (a) => a.title },
  { header: 'url', hxl: '#meta+url', kind: 'text', value: (a) => a.url },
  { header: 'published', hxl: '#date+published', kind: 'date', value: (a) => a.publishedAt },
  { header: 'received', hxl: '#date+received', kind: 'date', value: (a) => a.receivedAt },
  { header: 'file', hxl: '#meta+file', kind: 'text', value: (a) => a.fileName },
  {
    header: 'aid_flows',
    hxl: '#meta+aidflows+num',
    kind: 'number',
    value: (a) => a.counts.aidFlows ?? 0,
  },
  {
    header: 'case_counts',
    hxl: '#meta+casecounts+num',
    kind: 'number',
    value: (a) => a.counts.caseCounts ?? 0,
  },
  {
    header: 'timeline',
    hxl: '#meta+timeline+num',
    kind: 'number',
    value: (a) => a.counts.timeline ?? 0,
  },
  {
    header: 'rejection_reason',
    hxl: '#meta+rejection+code',
    kind: 'code',
    value: (a) => a.rejection?.reason ?? null,
  },
  {
    header: 'rejection_detail',
    hxl: '#meta+rejection+description',
    kind: 'text',
    value: (a) => a.rejection?.detail ?? null,
  },
];

/**
 * A date as a spreadsheet can take it: a year-less date in EDTF's unspecified-digits form
 * (`--09-23` → `XXXX-09-23`), which neither loses the month and day nor reads as a formula.
 */
const dateCell = (d: string) => (d.startsWith('--') ? `XXXX${d.slice(1)}` : d);

/**
 * RFC 4180 quoting. Free-text cells that a spreadsheet would run as a formula get a leading
 * apostrophe: article text is untrusted and an export is opened in Excel more often than not.
 */
function cell<R>(column: Column<R>, row: R): string {
  const value = column.value(row);
  if (value === null) return '';
  let s = column.kind === 'date' ? dateCell(String(value)) : String(value);
  if (column.kind === 'text' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BOM = '\ufeff';

export function csvHead<R>(columns: Column<R>[]): string {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${BOM}${columns.map((c) => quote(c.header)).join(',')}\r\n${columns.map((c) => c.hxl).join(',')}\r\n`;
}

export const csvRows = <R>(columns: Column<R>[], rows: R[]): string =>
  rows.map((r) => `${columns.map((c) => cell(c, r)).join(',')}\r\n`).join('');
