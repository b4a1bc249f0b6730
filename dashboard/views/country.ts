/**
 * One country's page: its latest figures (disputes shown with who says what), its case series per
 * disease, metric and period, the aid it received and gave as stage timelines per partner, and its
 * timeline. The country is named in any spelling the API accepts (a name, an alias, an ISO code).
 */
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import type { TimelineEntry } from '../../src/domain/facts/happening';
import { getAll, query } from '../api';
import { h, replace } from '../dom';
import { label } from '../format';
import { stylesFor } from '../palette';
import { flowTime, stageChart } from '../stages';
import {
  countryKey,
  disputesSection,
  figureCard,
  headlines,
  placeOf,
  seriesCharts,
} from './case-series';
import { chartWidth, dataTable, errorBox, paintSwatches, truncatedNote } from './common';
import { flowItem, flowWhen, quantityText, statusLegend } from './flows';
import { timelineList } from './timeline';
import type { ViewContext } from './view';

interface CountryData {
  counts: CaseCountEntry[];
  received: AidFlowEntry[];
  given: AidFlowEntry[];
  timeline: TimelineEntry[];
  complete: boolean;
}

async function load(q: string): Promise<CountryData> {
  const [counts, received, given, timeline] = await Promise.all([
    getAll<CaseCountEntry>(`case-counts${query({ location: q })}`),
    getAll<AidFlowEntry>(`aid-flows${query({ recipient: q })}`),
    getAll<AidFlowEntry>(`aid-flows${query({ donor: q })}`),
    getAll<TimelineEntry>(`timeline${query({ location: q })}`),
  ]);
  return {
    counts: counts.items,
    received: received.items,
    given: given.items,
    timeline: timeline.items,
    complete: [counts, received, given, timeline].every((r) => r.complete),
  };
}

/** The country's name and code as the API resolved them, else as asked for. */
function identity(q: string, d: CountryData): { name: string; code: string | null } {
  const count = d.counts.find((e) => e.countryCode && e.country);
  if (count) return { name: count.country!, code: count.countryCode };
  const r = d.received.find((f) => f.recipientCode);
  if (r) return { name: r.recipient!, code: r.recipientCode };
  const g = d.given.find((f) => f.donorCode);
  if (g) return { name: g.donor!, code: g.donorCode };
  return { name: q, code: null };
}

function casesSection(d: CountryData, root: HTMLElement): HTMLElement {
  const seriesKey = (e: CaseCountEntry) =>
    e.location && e.location !== e.country ? `${countryKey(e)}/${e.location}` : countryKey(e);
  return h(
    'section',
    { 'aria-labelledby': 'country-cases' },
    h('h3', { id: 'country-cases' }, 'Cases'),
    d.counts.length
      ? h('div', { class: 'figures' }, ...headlines(d.counts).map(figureCard))
      : h('p', { class: 'empty' }, 'No case counts reported.'),
    disputesSection(d.counts),
    h(
      'div',
      { class: 'charts' },
      ...seriesCharts(d.counts, {
        styles: stylesFor(d.counts.map(seriesKey)),
        seriesKey,
        seriesName: placeOf,
        width: chartWidth(root, { inGrid: true }),
      }),
    ),
  );
}

/** Aid received (one row per donor) or given (one row per recipient). */
interface AidSide {
  id: string;
  title: string;
  side: 'donor' | 'recipient';
}
const RECEIVED: AidSide = { id: 'country-received', title: 'Aid received', side: 'donor' };
const GIVEN: AidSide = { id: 'country-given', title: 'Aid given', side: 'recipient' };

function aidSection({ id, title, side }: AidSide, flows: AidFlowEntry[], width: number) {
  const partnerOf = (f: AidFlowEntry) =>
    (side === 'donor' ? f.donor : f.recipient) ?? `unknown ${side}`;
  const describe = (f: AidFlowEntry) =>
    `${partnerOf(f)}: ${label(f.status)} ${f.itemGroup}, ${flowWhen(f)}${quantityText(f) ? `, ${quantityText(f)}` : ''}`;
  const picked = h(
    'div',
    { class: 'chart-detail', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Select a stage to see the flow and its sources.'),
  );
  const placed = flows.filter((f) => flowTime(f) !== null);
  const rows = [...flows]
    .sort((a, b) => (flowTime(a)?.x ?? Infinity) - (flowTime(b)?.x ?? Infinity))
    .map((f) => [
      flowWhen(f),
      partnerOf(f),
      label(f.status),
      f.items.join(', ') || f.itemGroup,
      quantityText(f) ?? '',
      String(f.sourceCount),
    ]);
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h3', { id }, title),
    flows.length === 0
      ? h('p', { class: 'empty' }, 'None reported.')
      : h(
          'figure',
          { class: 'chart-card' },
          h('figcaption', {}, `${title}: each stage per ${side}, over time`),
          placed.length
            ? stageChart(placed, {
                title: `${title}, stage by stage`,
                partnerOf,
                width,
                describe,
                onSelect: (f) => replace(picked, h('ul', { class: 'flows' }, flowItem(f))),
              })
            : h('p', { class: 'muted' }, 'None of these flows is dated.'),
          statusLegend(new Set(placed.map((f) => f.status))),
          placed.some((f) => flowTime(f)!.reported)
            ? h(
                'p',
                { class: 'muted' },
                'Hollow markers give no date of their own and sit at their first report.',
              )
            : null,
          dataTable(title, ['date', side, 'stage', 'aid', 'quantity', 'sources'], rows),
          picked,
        ),
  );
}

export async function countryView({ root, navigate }: ViewContext, q: string): Promise<void> {
  const back = h('p', {}, h('a', { href: '#countries' }, '← Countries'));
  let d: CountryData;
  try {
    d = await load(q);
  } catch (error) {
    replace(root, back, h('h2', {}, q), errorBox(error));
    return;
  }
  const { name, code } = identity(q, d);
  const width = chartWidth(root);
  const exports = query({ location: code ?? q, format: 'csv' });
  replace(
    root,
    back,
    h(
      'h2',
      { class: 'country-name' },
      name,
      code ? h('span', { class: 'badge code' }, code) : null,
    ),
    h(
      'p',
      { class: 'muted' },
      `${d.counts.length} case counts · ${d.received.length} flows received · ${d.given.length} flows given · ${d.timeline.length} timeline entries · `,
      h('a', { href: `case-counts${exports}` }, 'case counts as CSV'),
    ),
    truncatedNote(d.complete, d.counts.length + d.received.length + d.given.length),
    casesSection(d, root),
    aidSection(RECEIVED, d.received, width),
    aidSection(GIVEN, d.given, width),
    h(
      'section',
      { 'aria-labelledby': 'country-timeline' },
      h('h3', { id: 'country-timeline' }, 'Timeline'),
      timelineList(d.timeline, (s) => navigate({ location: s }, 'timeline')),
    ),
  );
  paintSwatches(root);
}
