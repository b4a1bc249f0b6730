/** Pieces every view uses: where a fact comes from, how sure it is, and what went wrong. */
import type { Source } from '../../src/domain/projections/model';
import { h, safeHref } from '../dom';
import { formatDate, percent } from '../format';

function sourceItem(source: Source): HTMLElement {
  const href = safeHref(source.url);
  const name = source.title ?? source.url ?? `article ${source.articleId}`;
  return h(
    'li',
    { class: 'source' },
    ...source.evidence.map((e) => h('blockquote', { class: 'evidence' }, e.sentence)),
    h(
      'div',
      { class: 'source-meta' },
      href
        ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, name)
        : h('span', {}, name),
      source.publishedAt ? ` · ${formatDate(source.publishedAt)}` : '',
      source.attribution ? ` · according to ${source.attribution.by}` : '',
      ` · ${percent(source.confidence)} · `,
      h(
        'a',
        { href: `#article/${encodeURIComponent(source.articleId)}`, class: 'open-article' },
        'read in the article',
      ),
    ),
  );
}

/** Sources fold away; the count says how many articles report the fact, which may be more than listed. */
export function sourcesBlock(sources: Source[], sourceCount: number, open = false): HTMLElement {
  const more = sourceCount - sources.length;
  return h(
    'details',
    { class: 'sources', open },
    h('summary', {}, `${sourceCount} source${sourceCount === 1 ? '' : 's'}`),
    h('ul', {}, ...sources.map(sourceItem)),
    more > 0 ? h('p', { class: 'muted' }, `and ${more} more with lower confidence`) : null,
  );
}

export const confidence = (c: number) =>
  h('span', { class: 'confidence', title: 'corroborated confidence' }, percent(c));

export const errorBox = (error: unknown) =>
  h(
    'p',
    { class: 'error', role: 'alert' },
    `Could not load: ${error instanceof Error ? error.message : String(error)}`,
  );

export const loading = () => h('p', { class: 'muted loading' }, 'Loading…');

export const truncatedNote = (complete: boolean, shown: number) =>
  complete
    ? null
    : h('p', { class: 'muted' }, `Showing the first ${shown}; narrow the filters to see the rest.`);

export function select(
  name: string,
  options: { value: string; label: string }[],
  value: string | undefined,
  onChange: (v: string) => void,
): HTMLSelectElement {
  const el = h(
    'select',
    { name, 'aria-label': name, onchange: () => onChange(el.value) },
    ...options.map((o) => h('option', { value: o.value }, o.label)),
  );
  el.value = value ?? '';
  return el;
}
