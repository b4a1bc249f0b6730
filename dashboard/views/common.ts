/** Pieces every view uses: where a fact comes from, how sure it is, forms, tables and errors. */
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
      source.rewriteOf ? ' · a rewrite of another source' : '',
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
export function sourcesBlock(
  sources: Source[],
  counts: { sourceCount: number; independentSources?: number },
  open = false,
): HTMLElement {
  const { sourceCount, independentSources } = counts;
  const more = sourceCount - sources.length;
  const rewrites =
    independentSources !== undefined && independentSources < sourceCount
      ? `, ${independentSources} independent`
      : '';
  return h(
    'details',
    { class: 'sources', open },
    h('summary', {}, `${sourceCount} source${sourceCount === 1 ? '' : 's'}${rewrites}`),
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

interface Option {
  value: string;
  label: string;
}

/** One labelled field of a filter form: free text, or a choice among options. */
export interface Field {
  name: string;
  label: string;
  options?: Option[];
  placeholder?: string;
  /** A datalist id to suggest values from. */
  list?: string;
}

let fieldIds = 0;

function control(field: Field, value: string | undefined): HTMLInputElement | HTMLSelectElement {
  const id = `f-${field.name}-${++fieldIds}`;
  const el = field.options
    ? h(
        'select',
        { id, name: field.name },
        ...field.options.map((o) => h('option', { value: o.value }, o.label)),
      )
    : h('input', {
        id,
        name: field.name,
        placeholder: field.placeholder ?? null,
        list: field.list ?? null,
        autocomplete: 'off',
        enterkeyhint: 'search',
      });
  el.value = value ?? '';
  return el;
}

/**
 * A view's filters as a form: every field labelled, applied on submit or when a choice changes,
 * with a button to clear them. The values live in the URL fragment, so a filtered view can be linked.
 */
export function filterForm(
  fields: Field[],
  current: Record<string, string | undefined>,
  apply: (values: Record<string, string | undefined>) => void,
): HTMLFormElement {
  const controls = fields.map((f) => control(f, current[f.name]));
  const values = () =>
    Object.fromEntries(controls.map((c) => [c.name, c.value.trim() || undefined]));
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'filters' },
    ...fields.map((f, i) =>
      h('div', { class: 'field' }, h('label', { for: controls[i]!.id }, f.label), controls[i]!),
    ),
    h(
      'div',
      { class: 'field actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', onclick: () => apply({}) }, 'Clear'),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(values());
  });
  for (const c of controls)
    if (c instanceof HTMLSelectElement) c.addEventListener('change', () => apply(values()));
  return form;
}

/** The figures behind a chart, as a table: the chart's text alternative, folded away. */
export function dataTable(caption: string, head: string[], rows: (string | Node)[][]): HTMLElement {
  return h(
    'details',
    { class: 'table-alt' },
    h('summary', {}, `Table: ${caption}`),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
      ),
    ),
  );
}

/** Draws data-coloured swatches: colours come from data attributes, since the CSP forbids inline styles. */
export function paintSwatches(root: HTMLElement): void {
  for (const swatch of Array.from(root.querySelectorAll<HTMLElement>('.swatch[data-color]')))
    swatch.style.background = swatch.dataset.color!;
}

/** Past this width (CSS pixels) a view sets its charts two abreast (see `.charts` in the styles). */
const TWO_COLUMNS = 900;

/**
 * The width a chart is drawn at, in CSS pixels, so its text keeps its size: the view's width
 * less the card's padding, or half of it where the charts sit two abreast.
 */
export function chartWidth(root: HTMLElement, options: { inGrid?: boolean } = {}): number {
  const width = root.clientWidth;
  const column = options.inGrid && width >= TWO_COLUMNS ? (width - 12) / 2 : width;
  return Math.max(260, Math.floor(column - 28));
}
