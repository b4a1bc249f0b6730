/** Case counts: the latest figure per place and metric, and charts per disease, metric and period. */
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import { getAll, query } from '../api';
import { h, replace } from '../dom';
import { label } from '../format';
import { stylesFor } from '../palette';
import {
  countryKey,
  disputesSection,
  figureCard,
  headlines,
  METRIC_ORDER,
  seriesCharts,
} from './case-series';
import {
  chartWidth,
  errorBox,
  filterForm,
  paintSwatches,
  truncatedNote,
  type Field,
} from './common';
import type { ViewContext } from './view';

const FILTERS = ['location', 'disease', 'metric', 'period', 'from', 'to'];

const FIELDS: Field[] = [
  { name: 'location', label: 'Place', placeholder: 'name or ISO code' },
  { name: 'disease', label: 'Disease', placeholder: 'e.g. cholera' },
  {
    name: 'metric',
    label: 'Metric',
    options: [
      { value: '', label: 'every metric' },
      ...METRIC_ORDER.map((m) => ({ value: m, label: label(m) })),
    ],
  },
  {
    name: 'period',
    label: 'Figures',
    options: [
      { value: '', label: 'totals and new' },
      { value: 'cumulative', label: 'running totals' },
      { value: 'new', label: 'new in a period' },
    ],
  },
  { name: 'from', label: 'From', placeholder: 'YYYY-MM-DD' },
  { name: 'to', label: 'To', placeholder: 'YYYY-MM-DD' },
];

export async function casesView({ root, params, navigate }: ViewContext): Promise<void> {
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const form = filterForm(FIELDS, current, navigate);
  let result: { items: CaseCountEntry[]; complete: boolean };
  try {
    result = await getAll<CaseCountEntry>(`case-counts${query(current)}`);
  } catch (error) {
    replace(root, h('h2', {}, 'Case counts'), form, errorBox(error));
    return;
  }
  const { items, complete } = result;
  const figures = headlines(items);
  const charts = seriesCharts(items, {
    styles: stylesFor(items.map(countryKey)),
    seriesKey: countryKey,
    seriesName: (e) => e.country ?? e.location ?? 'unspecified place',
    width: chartWidth(root, { inGrid: true }),
  });
  replace(
    root,
    h('h2', {}, 'Case counts'),
    form,
    truncatedNote(complete, items.length),
    items.length === 0 ? h('p', { class: 'empty' }, 'No case counts for these filters.') : null,
    figures.length
      ? h(
          'section',
          { class: 'figures', 'aria-label': 'latest figures' },
          ...figures.map(figureCard),
        )
      : null,
    disputesSection(items),
    charts.length ? h('section', { class: 'charts', 'aria-label': 'charts' }, ...charts) : null,
  );
  paintSwatches(root);
}
