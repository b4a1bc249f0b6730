/**
 * CSV exports in the humanitarian community's convention: a header row, then an HXL hashtag
 * row (https://hxlstandard.org) under it so HXL tools can read the columns without a mapping.
 * Case counts get one value column per metric, because a hashtag names what a column holds.
 */
import type {
  AidFlowEntry,
  ArticleView,
  CaseCountEntry,
  Source,
  TimelineEntry,
} from '../domain/projections/model';
import type { Metric } from '../domain/extractor/types';
import { currentStatus } from './queries';

export interface Column<T> {
  header: string;
  hxl: string;
  value: (row: T) => string | number | null;
}

const joined = (values: string[]) => values.join('; ');
const sourceUrls = (sources: Source[]) =>
  joined(sources.map((s) => s.url ?? `article:${s.articleId}`));
const evidence = (sources: Source[]) => sources[0]?.evidence.sentence ?? null;

const provenance = <
  T extends { confidence: number; sourceCount: number; sources: Source[] },
>(): Column<T>[] => [
  { header: 'confidence', hxl: '#meta+confidence', value: (e) => e.confidence },
  { header: 'source_count', hxl: '#meta+source+num', value: (e) => e.sourceCount },
  { header: 'sources', hxl: '#meta+source+url', value: (e) => sourceUrls(e.sources) },
  { header: 'evidence', hxl: '#meta+evidence', value: (e) => evidence(e.sources) },
];

export const TIMELINE_COLUMNS: Column<TimelineEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'date', hxl: '#date', value: (e) => e.date },
  { header: 'type', hxl: '#event+type', value: (e) => e.type },
  { header: 'summary', hxl: '#description', value: (e) => e.summary },
  { header: 'subjects', hxl: '#group+subjects', value: (e) => joined(e.subjects) },
  ...provenance<TimelineEntry>(),
];

const METRIC_HXL: Record<Metric, string> = {
  tested: '#affected+tested',
  confirmed: '#affected+infected+confirmed',
  suspected: '#affected+infected+suspected',
  fever: '#affected+fever',
  deaths: '#affected+killed',
  recovered: '#affected+recovered',
  under_treatment: '#affected+treated',
  vaccinated: '#reached+vaccinated',
  doses_administered: '#output+doses',
};

export const CASE_COUNT_COLUMNS: Column<CaseCountEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'as_of', hxl: '#date+asof', value: (e) => e.asOf },
  { header: 'location', hxl: '#loc+name', value: (e) => e.location },
  { header: 'metric', hxl: '#indicator+code', value: (e) => e.metric },
  { header: 'value', hxl: '#indicator+value+num', value: (e) => e.value },
  { header: 'qualifier', hxl: '#indicator+qualifier', value: (e) => e.qualifier },
  ...(Object.entries(METRIC_HXL) as [Metric, string][]).map(
    ([metric, hxl]): Column<CaseCountEntry> => ({
      header: metric,
      hxl,
      value: (e) => (e.metric === metric ? e.value : null),
    }),
  ),
  ...provenance<CaseCountEntry>(),
];

export const AID_FLOW_COLUMNS: Column<AidFlowEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'date', hxl: '#date', value: (e) => currentStatus(e).date },
  { header: 'donor', hxl: '#org+donor', value: (e) => e.donor },
  { header: 'recipient', hxl: '#country+recipient', value: (e) => e.recipient },
  { header: 'items', hxl: '#item+name', value: (e) => joined(e.items) },
  {
    header: 'quantity',
    hxl: '#value+num',
    value: (e) => joined(e.quantities.map((q) => String(q.value))),
  },
  { header: 'unit', hxl: '#value+unit', value: (e) => joined(e.quantities.map((q) => q.unit)) },
  { header: 'status', hxl: '#status', value: (e) => currentStatus(e).status },
  {
    header: 'status_history',
    hxl: '#status+history',
    value: (e) => joined(e.statuses.map((s) => (s.date ? `${s.status} ${s.date}` : s.status))),
  },
  { header: 'routes', hxl: '#loc+route', value: (e) => joined(e.routes) },
  ...provenance<AidFlowEntry>(),
];

export const ARTICLE_COLUMNS: Column<ArticleView>[] = [
  { header: 'id', hxl: '#meta+id', value: (a) => a.id },
  { header: 'status', hxl: '#status', value: (a) => a.status },
  { header: 'title', hxl: '#meta+title', value: (a) => a.title },
  { header: 'url', hxl: '#meta+url', value: (a) => a.url },
  { header: 'published', hxl: '#date+published', value: (a) => a.publishedAt },
  { header: 'received', hxl: '#date+received', value: (a) => a.receivedAt },
  { header: 'file', hxl: '#meta+file', value: (a) => a.fileName },
  { header: 'aid_flows', hxl: '#meta+aidflows+num', value: (a) => a.counts.aidFlows },
  { header: 'case_counts', hxl: '#meta+casecounts+num', value: (a) => a.counts.caseCounts },
  { header: 'timeline', hxl: '#meta+timeline+num', value: (a) => a.counts.timeline },
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
