/** Case counts: the latest figure per place and metric, and one step chart per metric over time. */
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import { getAll, query } from '../api';
import { legend, stepChart, type Series } from '../charts';
import { h, replace } from '../dom';
import { dateValue, formatDate, formatNumber, label, QUALIFIER_PREFIX } from '../format';
import { confidence, errorBox, select, sourcesBlock, truncatedNote } from './common';
import type { ViewContext } from './view';

const METRIC_ORDER = [
  'tested',
  'confirmed',
  'suspected',
  'fever',
  'deaths',
  'recovered',
  'under_treatment',
  'vaccinated',
  'doses_administered',
];
const place = (e: CaseCountEntry) => e.location ?? 'unspecified place';
const byMetric = (a: string, b: string) => METRIC_ORDER.indexOf(a) - METRIC_ORDER.indexOf(b);

const valueText = (e: CaseCountEntry) =>
  `${QUALIFIER_PREFIX[e.qualifier] ?? ''}${formatNumber(e.value)}`;

/**
 * Where a count sits in time: its as-of date, or else when it was first published — many
 * articles give a figure without saying as of when. Null when neither is known.
 */
function when(e: CaseCountEntry): { x: number; reported: boolean } | null {
  const asOf = dateValue(e.asOf);
  if (asOf !== null) return { x: asOf, reported: false };
  const published = e.sources
    .map((s) => dateValue(s.publishedAt))
    .filter((x): x is number => x !== null);
  return published.length ? { x: Math.min(...published), reported: true } : null;
}

const whenText = (e: CaseCountEntry) => {
  const w = when(e);
  if (!w) return 'undated';
  return w.reported
    ? `reported ${formatDate(new Date(w.x).toISOString().slice(0, 10))}`
    : `as of ${formatDate(e.asOf)}`;
};

/** The figure to headline for a place and metric: the latest count, the largest among equals. */
function headline(entries: CaseCountEntry[]): CaseCountEntry {
  return [...entries].sort(
    (a, b) => (when(b)?.x ?? -Infinity) - (when(a)?.x ?? -Infinity) || b.value - a.value,
  )[0]!;
}

function figureCard(e: CaseCountEntry): HTMLElement {
  return h(
    'article',
    { class: 'figure', 'data-metric': e.metric },
    h(
      'div',
      { class: 'figure-metric' },
      [label(e.metric), place(e), e.disease, e.period === 'new' ? 'new' : null]
        .filter(Boolean)
        .join(' · '),
    ),
    h('div', { class: 'figure-value' }, valueText(e)),
    h('div', { class: 'figure-meta' }, `${whenText(e)} · `, confidence(e.confidence)),
    sourcesBlock(e.sources, e.sourceCount),
  );
}

function detail(e: CaseCountEntry): HTMLElement {
  return h(
    'div',
    { class: 'selected' },
    h('h4', {}, `${label(e.metric)} in ${place(e)}: ${valueText(e)}, ${whenText(e)}`),
    sourcesBlock(e.sources, e.sourceCount, true),
  );
}

function chartFor(metric: string, entries: CaseCountEntry[]): HTMLElement | null {
  const dated = entries.filter((e) => when(e) !== null);
  if (dated.length === 0) return null;
  const places = [...new Set(dated.map(place))].sort();
  const series: Series<CaseCountEntry>[] = places.map((p) => ({
    name: p,
    points: dated
      .filter((e) => place(e) === p)
      .map((e) => ({
        x: when(e)!.x,
        y: e.value,
        hollow: when(e)!.reported,
        title: `${p}: ${valueText(e)}, ${whenText(e)}`,
        datum: e,
      })),
  }));
  const hint = dated.some((e) => when(e)!.reported)
    ? ' Hollow points have no as-of date and sit at their first publication.'
    : '';
  const picked = h(
    'div',
    { class: 'chart-detail' },
    h('p', { class: 'muted' }, `Select a point to see its sources.${hint}`),
  );
  const title = `${label(metric)} over time`;
  return h(
    'figure',
    { class: 'chart-card', 'data-metric': metric },
    h('figcaption', {}, title),
    stepChart(series, { title, onSelect: (e) => replace(picked, detail(e)) }),
    h(
      'ul',
      { class: 'legend' },
      ...legend(places).map((l) =>
        h('li', {}, h('span', { class: 'swatch', 'data-color': l.color }), l.name),
      ),
    ),
    picked,
  );
}

export async function casesView({ root, params, navigate }: ViewContext): Promise<void> {
  const metric = params.get('metric') ?? undefined,
    location = params.get('location') ?? undefined;
  const { items, complete } = await getAll<CaseCountEntry>(
    `case-counts${query({ metric, location })}`,
  ).catch((error: unknown) => {
    replace(root, errorBox(error));
    return { items: null, complete: true };
  });
  if (!items) return;
  const metrics = [...new Set(items.map((e) => e.metric))].sort(byMetric);
  const groups = new Map<string, CaseCountEntry[]>();
  for (const e of items)
    groups.set(`${e.metric}|${place(e)}`, [...(groups.get(`${e.metric}|${place(e)}`) ?? []), e]);
  const figures = [...groups.values()]
    .map(headline)
    .sort((a, b) => byMetric(a.metric, b.metric) || place(a).localeCompare(place(b)));
  const charts = metrics
    .map((m) =>
      chartFor(
        m,
        items.filter((e) => e.metric === m),
      ),
    )
    .filter((c): c is HTMLElement => c !== null);
  const undated = items.filter((e) => when(e) === null);

  replace(
    root,
    h('h2', {}, 'Case counts'),
    h(
      'div',
      { class: 'filters' },
      select(
        'metric',
        [
          { value: '', label: 'every metric' },
          ...METRIC_ORDER.map((m) => ({ value: m, label: label(m) })),
        ],
        metric,
        (v) => navigate({ metric: v, location }),
      ),
      location
        ? h('button', { type: 'button', onclick: () => navigate({ metric }) }, `× ${location}`)
        : null,
    ),
    truncatedNote(complete, items.length),
    items.length === 0 ? h('p', { class: 'empty' }, 'No case counts yet.') : null,
    figures.length
      ? h(
          'section',
          { class: 'figures', 'aria-label': 'latest figures' },
          ...figures.map(figureCard),
        )
      : null,
    charts.length ? h('section', { class: 'charts', 'aria-label': 'charts' }, ...charts) : null,
    undated.length
      ? h(
          'section',
          {},
          h('h3', {}, 'Counts without a date'),
          h(
            'ul',
            { class: 'plain' },
            ...undated.map((e) =>
              h(
                'li',
                {},
                `${label(e.metric)} · ${place(e)}: ${valueText(e)} `,
                sourcesBlock(e.sources, e.sourceCount),
              ),
            ),
          ),
        )
      : null,
  );
  // Colours come from data attributes rather than inline styles, which the CSP forbids.
  for (const swatch of Array.from(root.querySelectorAll<HTMLElement>('.swatch[data-color]')))
    swatch.style.background = swatch.dataset.color!;
}
