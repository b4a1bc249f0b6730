/** Aid flows: a Sankey diagram of who sends to whom, and each flow's history with its sources. */
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import type { Graph } from '../../src/api/schemas';
import { getAll, getJson, query } from '../api';
import { h, replace } from '../dom';
import { formatDate, formatNumber, label } from '../format';
import { sankeyChart, STATUS_COLORS } from '../sankey';
import { confidence, errorBox, select, sourcesBlock, truncatedNote } from './common';
import type { ViewContext } from './view';

const STATUSES = Object.keys(STATUS_COLORS);

function flow(e: AidFlowEntry): HTMLElement {
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
    e.items.length ? h('div', {}, e.items.join(', ')) : null,
    e.quantity
      ? h('div', { class: 'muted' }, `${formatNumber(e.quantity.value)} ${e.quantity.unit}`)
      : null,
    e.routes.length ? h('div', { class: 'muted' }, `via ${e.routes.join(', ')}`) : null,
    h(
      'div',
      { class: 'history' },
      h('span', { class: `badge status-${e.status}` }, label(e.status)),
      ` ${formatDate(e.date ?? e.reportedAt)}${e.date ? '' : ' (reported)'}`,
    ),
    sourcesBlock(e.sources, e.sourceCount),
  );
}

function diagram(graph: Graph, width: number): HTMLElement {
  const used = new Set<string>(graph.links.map((l) => l.status));
  return h(
    'figure',
    { class: 'chart-card' },
    h('figcaption', {}, 'Donors → recipients (band width: number of reports)'),
    sankeyChart(graph, 'Aid flows from donors to recipients', width),
    h(
      'ul',
      { class: 'legend' },
      ...STATUSES.filter((st) => used.has(st)).map((st) =>
        h('li', {}, h('span', { class: 'swatch', 'data-color': STATUS_COLORS[st]! }), label(st)),
      ),
    ),
    graph.truncated
      ? h('p', { class: 'muted' }, 'The diagram shows the first flows only; narrow the filters.')
      : null,
  );
}

export async function flowsView({ root, params, navigate }: ViewContext): Promise<void> {
  const current = Object.fromEntries(
    ['status', 'item', 'donor', 'recipient'].map((k) => [k, params.get(k) ?? undefined]),
  );
  const set = (k: string, v: string | undefined) => navigate({ ...current, [k]: v || undefined });
  const item = h('input', {
    name: 'item',
    placeholder: 'item, e.g. vaccine',
    'aria-label': 'item',
    value: current.item ?? '',
  });
  item.addEventListener('change', () => set('item', item.value.trim()));
  const filters = h(
    'div',
    { class: 'filters' },
    select(
      'status',
      [
        { value: '', label: 'any status' },
        ...STATUSES.map((st) => ({ value: st, label: label(st) })),
      ],
      current.status,
      (v) => set('status', v),
    ),
    item,
    ...(['donor', 'recipient'] as const).map((k) =>
      current[k]
        ? h('button', { type: 'button', onclick: () => set(k, undefined) }, `× ${current[k]}`)
        : null,
    ),
  );
  try {
    const [graph, flows] = await Promise.all([
      getJson<Graph>(`aid-flows/graph${query(current)}`),
      getAll<AidFlowEntry>(`aid-flows${query(current)}`),
    ]);
    replace(
      root,
      h('h2', {}, 'Aid flows'),
      filters,
      graph.links.length
        ? diagram(graph, Math.max(300, Math.min(1000, root.clientWidth - 26)))
        : h('p', { class: 'empty' }, 'No aid flows for these filters.'),
      truncatedNote(flows.complete, flows.items.length),
      h('ul', { class: 'flows' }, ...flows.items.map(flow)),
    );
    for (const swatch of Array.from(root.querySelectorAll<HTMLElement>('.swatch[data-color]')))
      swatch.style.background = swatch.dataset.color!;
  } catch (error) {
    replace(root, h('h2', {}, 'Aid flows'), filters, errorBox(error));
  }
}
