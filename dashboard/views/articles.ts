/**
 * Articles: the list with each one's outcome, and one article's text with every fact's evidence
 * highlighted at its offsets. The text is only ever inserted as text nodes.
 */
import type { ArticleDetail } from '../../src/api/schemas';
import type { ArticleView } from '../../src/domain/projections/model';
import { getJson, query } from '../api';
import { h, replace, safeHref } from '../dom';
import { formatDate, formatNumber, label, percent, QUALIFIER_PREFIX } from '../format';
import { segments } from '../highlight';
import { errorBox, filterForm } from './common';
import type { ViewContext } from './view';

interface Page<T> {
  items: T[];
  next: string | null;
}

function row(a: ArticleView): HTMLElement {
  const counts = Object.values(a.counts).reduce((sum, n) => sum + n, 0);
  return h(
    'li',
    { class: `article-row status-${a.status}` },
    h('a', { href: `#article/${encodeURIComponent(a.id)}` }, a.title ?? a.fileName),
    h(
      'div',
      { class: 'muted' },
      h('span', { class: `badge status-${a.status}` }, a.status),
      a.rejection ? ` ${label(a.rejection.reason)}` : ` ${counts} fact${counts === 1 ? '' : 's'}`,
      ` · ${a.publishedAt ? `published ${formatDate(a.publishedAt)}` : `received ${a.receivedAt.slice(0, 10)}`} · ${a.fileName}`,
    ),
  );
}

export async function articlesView({ root, params, navigate }: ViewContext): Promise<void> {
  const status = params.get('status') ?? undefined;
  const list = h('ul', { class: 'articles' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More articles');
  replace(
    root,
    h('h2', {}, 'Articles'),
    filterForm(
      [
        {
          name: 'status',
          label: 'Outcome',
          options: [
            { value: '', label: 'all' },
            { value: 'extracted', label: 'extracted' },
            { value: 'rejected', label: 'rejected' },
            { value: 'withdrawn', label: 'withdrawn' },
          ],
        },
      ],
      { status },
      navigate,
    ),
    list,
    more,
  );
  const load = async (cursor: string | null) => {
    try {
      const page = await getJson<Page<ArticleView>>(
        `articles${query({ status, limit: '50', cursor: cursor ?? undefined })}`,
      );
      list.append(...page.items.map(row));
      if (!list.children.length) list.append(h('li', { class: 'empty' }, 'No articles.'));
      more.hidden = !page.next;
      more.onclick = () => void load(page.next);
    } catch (error) {
      root.append(errorBox(error));
    }
  };
  await load(null);
}

type Fact =
  | ({ kind: 'aidFlows' } & ArticleDetail['facts']['aidFlows'][number])
  | ({ kind: 'caseCounts' } & ArticleDetail['facts']['caseCounts'][number])
  | ({ kind: 'timeline' } & ArticleDetail['facts']['timeline'][number]);

function describe(f: Fact): string {
  switch (f.kind) {
    case 'aidFlows':
      return `Aid: ${f.donor ?? 'unknown'} → ${f.recipient ?? 'unknown'}${f.items.length ? `: ${f.items.join(', ')}` : ''} (${f.status}${f.date ? `, ${formatDate(f.date)}` : ''})`;
    case 'caseCounts':
      return `${label(f.metric)}: ${QUALIFIER_PREFIX[f.qualifier] ?? ''}${formatNumber(f.value)}${f.location ? ` in ${f.location}` : ''}${f.asOf ? `, as of ${formatDate(f.asOf)}` : ''}`;
    case 'timeline':
      return `${formatDate(f.date)}: ${f.summary}`;
  }
}

const KIND_LABEL = {
  aidFlows: 'aid flow',
  caseCounts: 'case count',
  timeline: 'timeline',
} as const;

/** The text with each fact's evidence marked; `marks` learns which marks show which fact. */
function markedText(text: string, facts: Fact[], marks: Map<Fact, HTMLElement[]>): HTMLElement {
  return h(
    'div',
    { class: 'article-text' },
    ...segments(
      text,
      facts.map((f) => ({ start: f.evidence.start, end: f.evidence.end, key: f })),
    ).map((seg) => {
      if (!seg.keys.length) return seg.text;
      const mark = h(
        'mark',
        { class: `kind-${seg.keys[0]!.kind}`, title: seg.keys.map(describe).join('\n') },
        seg.text,
      );
      for (const f of seg.keys) marks.set(f, [...(marks.get(f) ?? []), mark]);
      return mark;
    }),
  );
}

function factList(facts: Fact[], focus: (f: Fact) => void): HTMLElement {
  return h(
    'section',
    { class: 'facts' },
    h('h3', {}, `${facts.length} fact${facts.length === 1 ? '' : 's'}`),
    h(
      'ol',
      {},
      ...facts.map((f) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: `fact kind-${f.kind}`, onclick: () => focus(f) },
            h('span', { class: 'badge' }, KIND_LABEL[f.kind]),
            ' ',
            describe(f),
            ` (${percent(f.confidence)})`,
          ),
        ),
      ),
    ),
  );
}

function articleMeta(a: ArticleDetail): HTMLElement {
  const href = safeHref(a.url);
  return h(
    'p',
    { class: 'muted' },
    href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, a.url ?? '') : null,
    href ? ' · ' : '',
    a.publishedAt ? `published ${formatDate(a.publishedAt)} · ` : '',
    `${a.fileName} · extractor ${a.extractorVersion}`,
  );
}

export async function articleView({ root }: ViewContext, id: string): Promise<void> {
  let a: ArticleDetail;
  try {
    a = await getJson<ArticleDetail>(`articles/${encodeURIComponent(id)}`);
  } catch (error) {
    replace(root, h('p', {}, h('a', { href: '#articles' }, '← Articles')), errorBox(error));
    return;
  }
  const facts: Fact[] = [
    ...a.facts.aidFlows.map((f) => ({ kind: 'aidFlows' as const, ...f })),
    ...a.facts.caseCounts.map((f) => ({ kind: 'caseCounts' as const, ...f })),
    ...a.facts.timeline.map((f) => ({ kind: 'timeline' as const, ...f })),
  ];
  const marks = new Map<Fact, HTMLElement[]>();
  const focus = (f: Fact) => {
    for (const el of Array.from(root.querySelectorAll('mark.active')))
      el.classList.remove('active');
    const els = marks.get(f) ?? [];
    for (const el of els) el.classList.add('active');
    els[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  replace(
    root,
    h('p', {}, h('a', { href: '#articles' }, '← Articles')),
    h('h2', { class: 'article-title' }, a.title ?? a.fileName),
    articleMeta(a),
    a.rejection
      ? h(
          'div',
          { class: 'rejection', role: 'note' },
          h('strong', {}, `Rejected: ${label(a.rejection.reason)}`),
          h('p', {}, a.rejection.detail),
        )
      : null,
    a.status === 'withdrawn'
      ? h(
          'div',
          { class: 'rejection', role: 'note' },
          h('strong', {}, 'Withdrawn'),
          h(
            'p',
            {},
            'Every upload of this article was removed from the bucket; its facts left the views.',
          ),
        )
      : null,
    a.warnings.length
      ? h(
          'div',
          { class: 'warnings', role: 'note' },
          h('strong', {}, 'Passed over or shortened'),
          h('ul', {}, ...a.warnings.map((w) => h('li', {}, w))),
        )
      : null,
    facts.length ? factList(facts, focus) : null,
    a.text ? markedText(a.text, facts, marks) : null,
  );
}
