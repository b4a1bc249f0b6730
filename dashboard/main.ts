/**
 * The dashboard's entry: four views behind tabs, routed by the URL fragment
 * (#cases, #timeline, #flows, #articles, #article/<id>), each view's filters after a '?'.
 */
import { h, replace } from './dom';
import { articleView, articlesView } from './views/articles';
import { casesView } from './views/cases';
import { loading } from './views/common';
import { flowsView } from './views/flows';
import { timelineView } from './views/timeline';
import type { ViewContext } from './views/view';

const TABS = [
  { id: 'cases', label: 'Case counts', render: casesView },
  { id: 'timeline', label: 'Timeline', render: timelineView },
  { id: 'flows', label: 'Aid flows', render: flowsView },
  { id: 'articles', label: 'Articles', render: articlesView },
] as const;

const nav = document.querySelector('nav')!;
const main = document.querySelector('main')!;

function route(): { tab: string; arg: string | null; params: URLSearchParams } {
  const [path = '', search = ''] = location.hash.slice(1).split('?', 2);
  const [tab = 'cases', arg] = path.split('/', 2);
  return {
    tab: tab || 'cases',
    arg: arg ? decodeURIComponent(arg) : null,
    params: new URLSearchParams(search),
  };
}

async function render(): Promise<void> {
  const { tab, arg, params } = route();
  const active = tab === 'article' ? 'articles' : tab;
  for (const a of Array.from(nav.querySelectorAll('a')))
    a.setAttribute('aria-current', a.dataset.tab === active ? 'page' : 'false');
  // Each render draws into a fresh section, so a slow answer for a view left behind lands nowhere.
  const root = h('section', { class: 'view', 'data-view': tab, 'aria-busy': 'true' }, loading());
  replace(main, root);
  const ctx: ViewContext = {
    root,
    params,
    navigate: (next) => {
      const search = new URLSearchParams(
        Object.entries(next).filter((e): e is [string, string] => Boolean(e[1])),
      ).toString();
      location.hash = `${tab}${search ? `?${search}` : ''}`;
    },
  };
  if (tab === 'article' && arg) await articleView(ctx, arg);
  else await (TABS.find((t) => t.id === tab) ?? TABS[0]).render(ctx);
  root.setAttribute('aria-busy', 'false');
}

replace(nav, ...TABS.map((t) => h('a', { href: `#${t.id}`, 'data-tab': t.id }, t.label)));
window.addEventListener('hashchange', () => void render());
void render();
