/** The timeline: dated happenings in order, each with the sentences that report it. */
import type { TimelineEntry } from '../../src/domain/facts/happening';
import { getAll, query } from '../api';
import { h, replace } from '../dom';
import { formatDate, label } from '../format';
import { confidence, errorBox, loading, select, sourcesBlock, truncatedNote } from './common';
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
      sourcesBlock(e.sources, e.sourceCount),
    ),
  );
}

export async function timelineView({ root, params, navigate }: ViewContext): Promise<void> {
  const current = Object.fromEntries(
    ['type', 'q', 'from', 'to', 'location'].map((k) => [k, params.get(k) ?? undefined]),
  );
  const set = (k: string, v: string | undefined) => navigate({ ...current, [k]: v || undefined });
  const input = (name: string, placeholder: string) => {
    const el = h('input', {
      name,
      placeholder,
      'aria-label': name,
      value: current[name] ?? '',
      enterkeyhint: 'search',
    });
    el.addEventListener('change', () => set(name, el.value.trim()));
    return el;
  };
  const form = h(
    'div',
    { class: 'filters' },
    select(
      'type',
      [{ value: '', label: 'every type' }, ...TYPES.map((t) => ({ value: t, label: label(t) }))],
      current.type,
      (v) => set('type', v),
    ),
    input('q', 'search words'),
    input('from', 'from YYYY-MM-DD'),
    input('to', 'to YYYY-MM-DD'),
    current.location
      ? h(
          'button',
          { type: 'button', onclick: () => set('location', undefined) },
          `× ${current.location}`,
        )
      : null,
  );
  replace(root, h('h2', {}, 'Timeline'), form, loading());
  try {
    const { items, complete } = await getAll<TimelineEntry>(`timeline${query(current)}`);
    replace(
      root,
      h('h2', {}, 'Timeline'),
      form,
      truncatedNote(complete, items.length),
      items.length
        ? h('ol', { class: 'timeline' }, ...items.map((e) => entry(e, (s) => set('location', s))))
        : h('p', { class: 'empty' }, 'Nothing on the timeline for these filters.'),
    );
  } catch (error) {
    replace(root, h('h2', {}, 'Timeline'), form, errorBox(error));
  }
}
