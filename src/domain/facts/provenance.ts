/**
 * The CSV columns every fact view ends with: how sure the entry is, how many articles stand
 * behind it, and the first article that reported it (the rest are in the JSON's `sources`).
 */
import type { Sourced } from '../projections/sources';
import type { Column } from './kind';

const first = (e: Sourced) => e.sources[0];

export function sourceColumns<E extends Sourced>(): Column<E>[] {
  return [
    { header: 'confidence', hxl: '#meta+confidence', kind: 'number', value: (e) => e.confidence },
    {
      header: 'source_count',
      hxl: '#meta+source+num',
      kind: 'number',
      value: (e) => e.sourceCount,
    },
    {
      header: 'independent_sources',
      hxl: '#meta+source+independent+num',
      kind: 'number',
      value: (e) => e.independentSources,
    },
    {
      header: 'source_title',
      hxl: '#meta+source',
      kind: 'text',
      value: (e) => first(e)?.title ?? null,
    },
    { header: 'source_url', hxl: '#meta+url', kind: 'text', value: (e) => first(e)?.url ?? null },
    {
      header: 'source_published',
      hxl: '#date+published',
      kind: 'date',
      value: (e) => first(e)?.publishedAt ?? null,
    },
    {
      header: 'attribution',
      hxl: '#meta+attribution',
      kind: 'text',
      value: (e) => first(e)?.attribution?.by ?? null,
    },
    {
      header: 'evidence',
      hxl: '#meta+evidence',
      kind: 'text',
      value: (e) => first(e)?.evidence[0]?.sentence ?? null,
    },
  ];
}
