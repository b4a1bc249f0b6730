/** The timeline: dated happenings in order, each with the sentences that report it. */
import type { TimelineEntry } from '../../src/domain/facts/happening';
import { getAll, query } from '../api';
import { h, replace } from '../dom';
import { formatDate, label } from '../format';
import {
  confidence,
  errorBox,
  filterForm,
  loading,
  sourcesBlock,
  truncatedNote,
  type Field,
} from './common';
import type { ViewContext } from './view';

const TYPES = ['aid', 'cases', 'policy', 'statement', 'outbreak', 'vaccination', 'other'];

function entry(e: TimelineEntry, onSubject: (s: string) => void): HTMLElement {
  return h(
    'li',
    { class: 'event', 'data-type': e.type },
    h('time', { datetime: e.date.startsWith('--') ? null : e.date }, formatDate(e.date)),
    h(
      'div',
      { class: 'event-body' },
      h(
        'div',
        {},
        h('span', { class: `badge type-${e.type}` }, label(e.type)),
        ' ',
        confidence(e.confidence),
      ),
      h('p', { class: 'summary' }, e.summary),
      e.subjects.length
        ? h(
            'div',
            { class: 'chips' },
            ...e.subjects.map((s) =>
              h('button', { type: 'button', class: 'chip', onclick: () => onSubject(s) }, s),
            ),
          )
        : null,
      sourcesBlock(e.sources, e),
    ),
  );
}

const FIELDS: Field[] = [
  {
    name: 'type',
    label: 'Type',
    options: [
      { value: '', label: 'every type' },
      ...TYPES.map((t) => ({ value: t, label: label(t) })),
    ],
  },
  { name: 'q', label: 'Words', placeholder: 'search words' },
  { name: 'location', label: 'Country or organisation', placeholder: 'name or ISO code' },
  { name: 'from', label: 'From', placeholder: 'YYYY-MM-DD' },
  { name: 'to', label: 'To', placeholder: 'YYYY-MM-DD' },
];

export async function timelineView({ root, params, navigate }: ViewContext): Promise<void> {
  const current = Object.fromEntries(FIELDS.map((f) => [f.name, params.get(f.name) ?? undefined]));
  const form = filterForm(FIELDS, current, navigate);
  replace(root, h('h2', {}, 'Timeline'), form, loading());
  try {
    const { items, complete } = await getAll<TimelineEntry>(`timeline${query(current)}`);
    replace(
      root,
      h('h2', {}, 'Timeline'),
      form,
      truncatedNote(complete, items.length),
      timelineList(items, (s) => navigate({ ...current, location: s })),
    );
  } catch (error) {
    replace(root, h('h2', {}, 'Timeline'), form, errorBox(error));
  }
}

/** The entries in order; a subject's chip narrows the timeline to it. */
export function timelineList(items: TimelineEntry[], onSubject: (s: string) => void): HTMLElement {
  return items.length
    ? h('ol', { class: 'timeline' }, ...items.map((e) => entry(e, onSubject)))
    : h('p', { class: 'empty' }, 'Nothing on the timeline for these filters.');
}
