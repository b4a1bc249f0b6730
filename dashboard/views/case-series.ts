/**
 * Case counts as an analyst reads them: one chart per disease, metric and period (running totals
 * apart from the figures of one period), one series per place in a colour of its own, disputed
 * figures drawn as the range their sources give, every chart with its table.
 */
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import { timeChart, type TimeSeries } from '../charts';
import { h, replace } from '../dom';
import { dateValue, formatDate, formatNumber, label, QUALIFIER_PREFIX } from '../format';
import type { SeriesStyle } from '../palette';
import { confidence, dataTable, sourcesBlock } from './common';

export const METRIC_ORDER = [
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

const UNIT: Record<string, string> = {
  tested: 'people tested',
  confirmed: 'confirmed cases',
  suspected: 'suspected cases',
  fever: 'people with fever',
  deaths: 'deaths',
  recovered: 'people recovered',
  under_treatment: 'people under treatment',
  vaccinated: 'people vaccinated',
  doses_administered: 'doses administered',
};

export const placeOf = (e: CaseCountEntry) => e.location ?? 'unspecified place';
/** The key a series is coloured by: the country, so it keeps its colour in every chart. */
export const countryKey = (e: CaseCountEntry) => e.countryCode ?? placeOf(e);

const valueText = (value: number, qualifier: string) =>
  `${QUALIFIER_PREFIX[qualifier] ?? ''}${formatNumber(value)}`;

/** The figure, or the range its sources give when they disagree. */
function figureText(e: CaseCountEntry): string {
  if (!e.disputed) return valueText(e.value, e.qualifier);
  const values = e.values.map((v) => v.value);
  return `${formatNumber(Math.min(...values))} – ${formatNumber(Math.max(...values))}`;
}

/**
 * Where a count sits in time: its as-of date, or else when it was first reported — many articles
 * give a figure without saying as of when. Null when neither is known.
 */
function when(e: CaseCountEntry): { x: number; reported: boolean } | null {
  const asOf = dateValue(e.asOf);
  if (asOf !== null) return { x: asOf, reported: false };
  const reported = dateValue(e.reportedAt);
  return reported === null ? null : { x: reported, reported: true };
}

const whenText = (e: CaseCountEntry) => {
  if (e.asOf && !e.asOf.startsWith('--')) return `as of ${formatDate(e.asOf)}`;
  if (e.reportedAt) return `reported ${formatDate(e.reportedAt)}`;
  return e.asOf ? `as of ${formatDate(e.asOf)}` : 'undated';
};

const titleOf = (e: CaseCountEntry, id: string) =>
  e.sources.find((s) => s.articleId === id)?.title ?? `article ${id.slice(0, 8)}`;

/** Who says what, for a disputed figure. */
function disputeList(e: CaseCountEntry): HTMLElement {
  return h(
    'ul',
    { class: 'dispute' },
    ...e.values.map((v) =>
      h(
        'li',
        {},
        h('strong', {}, valueText(v.value, v.qualifier)),
        ` according to ${v.sources.map((id) => titleOf(e, id)).join('; ')}`,
      ),
    ),
  );
}

const heading = (e: CaseCountEntry) =>
  [label(e.metric), placeOf(e), e.disease, e.period === 'new' ? 'new' : null]
    .filter(Boolean)
    .join(' · ');

export function figureCard(e: CaseCountEntry): HTMLElement {
  return h(
    'article',
    { class: `figure${e.disputed ? ' disputed' : ''}`, 'data-metric': e.metric },
    h('div', { class: 'figure-metric' }, heading(e)),
    h('div', { class: 'figure-value' }, figureText(e)),
    e.disputed ? h('div', { class: 'badge dispute-badge' }, 'disputed') : null,
    h('div', { class: 'figure-meta' }, `${whenText(e)} · `, confidence(e.confidence)),
    e.disputed ? disputeList(e) : null,
    sourcesBlock(e.sources, e),
  );
}

/** The figure to headline for a place and metric: the latest count, the largest among equals. */
export function headlines(items: CaseCountEntry[]): CaseCountEntry[] {
  const groups = new Map<string, CaseCountEntry[]>();
  for (const e of items) {
    const key = [e.metric, placeOf(e), e.disease, e.period].join('|');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()]
    .map(
      (g) =>
        [...g].sort(
          (a, b) => (when(b)?.x ?? -Infinity) - (when(a)?.x ?? -Infinity) || b.value - a.value,
        )[0]!,
    )
    .sort(
      (a, b) =>
        METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric) ||
        placeOf(a).localeCompare(placeOf(b)),
    );
}

/** Every disputed figure, each with the range and who says what: disagreement is never hidden. */
export function disputesSection(items: CaseCountEntry[]): HTMLElement | null {
  const disputed = items.filter((e) => e.disputed);
  if (!disputed.length) return null;
  return h(
    'section',
    { class: 'disputes', 'aria-label': 'disputed figures' },
    h('h3', {}, `Disputed figures (${disputed.length})`),
    h(
      'p',
      { class: 'muted' },
      'Sources give different values for the same place, disease, metric and date.',
    ),
    h('div', { class: 'figures' }, ...disputed.map(figureCard)),
  );
}

function detail(e: CaseCountEntry): HTMLElement {
  return h(
    'div',
    { class: 'selected' },
    // h3, like the view's sections: the detail follows the view's h2 whether or not a section
    // with its own h3 (disputes, undated counts) comes before it, and a heading may not skip a level.
    h('h3', {}, `${heading(e)}: ${figureText(e)}, ${whenText(e)}`),
    e.disputed ? disputeList(e) : null,
    sourcesBlock(e.sources, e, true),
  );
}

interface ChartGroup {
  key: string;
  metric: string;
  disease: string | null;
  period: string;
  entries: CaseCountEntry[];
}

function chartGroups(items: CaseCountEntry[]): ChartGroup[] {
  const groups = new Map<string, ChartGroup>();
  for (const e of items) {
    const key = `${e.disease ?? ''}|${e.metric}|${e.period}`;
    const g = groups.get(key) ?? {
      key,
      metric: e.metric,
      disease: e.disease,
      period: e.period,
      entries: [],
    };
    g.entries.push(e);
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.disease ?? '~').localeCompare(b.disease ?? '~') ||
      METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric) ||
      a.period.localeCompare(b.period),
  );
}

export interface SeriesOptions {
  /** The style of each series key (see `seriesKey`). */
  styles: Map<string, SeriesStyle>;
  /** What a series is: the country on the overview, the place on a country's page. */
  seriesKey: (e: CaseCountEntry) => string;
  seriesName: (e: CaseCountEntry) => string;
  width: number;
}

function seriesOf(entries: CaseCountEntry[], o: SeriesOptions): TimeSeries<CaseCountEntry>[] {
  const keys = [...new Set(entries.map(o.seriesKey))].sort();
  return keys.map((key) => {
    const own = entries.filter((e) => o.seriesKey(e) === key);
    return {
      key,
      name: o.seriesName(own[0]!),
      style: o.styles.get(key)!,
      points: own.map((e) => {
        const values = e.values.map((v) => v.value);
        return {
          x: when(e)!.x,
          y: e.value,
          hollow: when(e)!.reported,
          ...(e.disputed
            ? { range: [Math.min(...values), Math.max(...values)] as [number, number] }
            : {}),
          label: `${o.seriesName(e)}: ${figureText(e)}, ${whenText(e)}${e.disputed ? ', disputed' : ''}`,
          datum: e,
        };
      }),
    };
  });
}

function legend(series: TimeSeries<CaseCountEntry>[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...series.map((se) =>
      h(
        'li',
        {},
        h('span', {
          class: `swatch shape-${se.style.shape}`,
          'data-color': se.style.color,
          'aria-hidden': 'true',
        }),
        se.name,
      ),
    ),
  );
}

function tableOf(caption: string, entries: CaseCountEntry[], o: SeriesOptions): HTMLElement {
  const rows = [...entries]
    .sort((a, b) => (when(a)?.x ?? Infinity) - (when(b)?.x ?? Infinity))
    .map((e) => [
      whenText(e),
      o.seriesName(e),
      figureText(e) + (e.disputed ? ' (disputed)' : ''),
      String(e.sourceCount),
    ]);
  return dataTable(caption, ['date', 'place', 'value', 'sources'], rows);
}

function chartCard(g: ChartGroup, o: SeriesOptions): HTMLElement {
  const dated = g.entries.filter((e) => when(e) !== null);
  const unit = `${g.period === 'new' ? 'new ' : ''}${UNIT[g.metric] ?? g.metric}`;
  const title = `${label(unit)}${g.disease ? ` — ${g.disease}` : ''}${g.period === 'new' ? ' (per period)' : ' (running total)'}`;
  const picked = h(
    'div',
    { class: 'chart-detail', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Select a point to see its sources.'),
  );
  const series = seriesOf(dated, o);
  const hollow = dated.some((e) => when(e)!.reported);
  return h(
    'figure',
    { class: 'chart-card', 'data-metric': g.metric, 'data-period': g.period },
    h('figcaption', {}, title),
    dated.length
      ? timeChart(series, {
          title,
          unit,
          cumulative: g.period !== 'new',
          width: o.width,
          onSelect: (e) => replace(picked, detail(e)),
        })
      : h('p', { class: 'muted' }, 'None of these figures is dated.'),
    legend(series),
    h(
      'p',
      { class: 'muted' },
      hollow ? 'Hollow markers give no as-of date and sit at their first report. ' : '',
      dated.some((e) => e.disputed) ? 'Bars span the values disputing sources give.' : '',
    ),
    tableOf(title, g.entries, o),
    picked,
  );
}

export function seriesCharts(items: CaseCountEntry[], o: SeriesOptions): HTMLElement[] {
  return chartGroups(items).map((g) => chartCard(g, o));
}
