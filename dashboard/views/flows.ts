/** Aid flows: a Sankey diagram of the corridors, and each flow (one stage, one occasion) with its sources. */
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import { getAll, query } from '../api';
import { h, replace } from '../dom';
import { formatDate, formatNumber, label } from '../format';
import { STATUS_COLORS } from '../palette';
import { corridorGraph, sankeyChart } from '../sankey';
import {
  chartWidth,
  confidence,
  errorBox,
  filterForm,
  paintSwatches,
  sourcesBlock,
  truncatedNote,
  type Field,
} from './common';
import type { ViewContext } from './view';

const STATUSES = Object.keys(STATUS_COLORS);

const FIELDS: Field[] = [
  { name: 'donor', label: 'Donor', placeholder: 'name or ISO code' },
  { name: 'recipient', label: 'Recipient', placeholder: 'name or ISO code' },
  {
    name: 'status',
    label: 'Stage',
    options: [
      { value: '', label: 'any stage' },
      ...STATUSES.map((st) => ({ value: st, label: label(st) })),
    ],
  },
  { name: 'item', label: 'Aid', placeholder: 'e.g. vaccines' },
  { name: 'disease', label: 'Disease', placeholder: 'e.g. cholera' },
  { name: 'from', label: 'From', placeholder: 'YYYY-MM-DD' },
  { name: 'to', label: 'To', placeholder: 'YYYY-MM-DD' },
];

/** When a flow stands in time: the date of its stage, or else when it was first reported. */
export const flowWhen = (e: AidFlowEntry): string =>
  e.date ? formatDate(e.date) : e.reportedAt ? `reported ${formatDate(e.reportedAt)}` : 'undated';

export const quantityText = (e: AidFlowEntry): string | null =>
  e.quantity ? `${formatNumber(e.quantity.value)} ${e.quantity.unit}` : null;

export function flowItem(e: AidFlowEntry): HTMLElement {
  return h(
    'li',
    { class: 'flow' },
    h(
      'div',
      { class: 'flow-head' },
      h('strong', {}, e.donor ?? 'unknown donor'),
      ' → ',
      h('strong', {}, e.recipient ?? 'unknown recipient'),
      ' ',
      confidence(e.confidence),
    ),
    h(
      'div',
      { class: 'history' },
      h('span', { class: `badge status-${e.status}` }, label(e.status)),
      ` ${flowWhen(e)} · ${e.itemGroup}${e.disease ? ` · ${e.disease}` : ''}`,
    ),
    e.items.length ? h('div', {}, e.items.join(', ')) : null,
    quantityText(e) ? h('div', { class: 'muted' }, quantityText(e)) : null,
    e.routes.length ? h('div', { class: 'muted' }, `via ${e.routes.join(', ')}`) : null,
    sourcesBlock(e.sources, e),
  );
}

export function statusLegend(used: Set<string>): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...STATUSES.filter((st) => used.has(st)).map((st) =>
      h(
        'li',
        {},
        h('span', { class: 'swatch', 'data-color': STATUS_COLORS[st]!, 'aria-hidden': 'true' }),
        label(st),
      ),
    ),
  );
}

function diagram(flows: AidFlowEntry[], width: number): HTMLElement {
  const graph = corridorGraph(flows);
  return h(
    'figure',
    { class: 'chart-card' },
    h(
      'figcaption',
      {},
      'Donors → recipients (band width: independent reports; colour: latest stage)',
    ),
    sankeyChart(graph, 'Aid corridors from donors to recipients', width),
    statusLegend(new Set(graph.links.map((l) => l.status))),
    h('p', { class: 'muted' }, 'Select a band to list its flows, or a country to open its page.'),
  );
}

export async function flowsView({ root, params, navigate }: ViewContext): Promise<void> {
  const current = Object.fromEntries(FIELDS.map((f) => [f.name, params.get(f.name) ?? undefined]));
  const form = filterForm(FIELDS, current, navigate);
  try {
    const flows = await getAll<AidFlowEntry>(`aid-flows${query(current)}`);
    replace(
      root,
      h('h2', {}, 'Aid flows'),
      form,
      flows.items.length
        ? diagram(flows.items, chartWidth(root))
        : h('p', { class: 'empty' }, 'No aid flows for these filters.'),
      truncatedNote(flows.complete, flows.items.length),
      h('ul', { class: 'flows' }, ...flows.items.map(flowItem)),
    );
    paintSwatches(root);
  } catch (error) {
    replace(root, h('h2', {}, 'Aid flows'), form, errorBox(error));
  }
}
