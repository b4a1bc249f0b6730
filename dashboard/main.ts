/**
 * The dashboard's entry: the views of ./routes.ts behind tabs, routed by the URL fragment
 * (`#countries`, `#country/PRK`, `#flows?donor=China`…).
 */
import { h, replace } from './dom';
import { ROUTES } from './routes';
import { loading } from './views/common';
import type { ViewContext } from './views/view';

const nav = document.querySelector('nav')!;
const main = document.querySelector('main')!;

function parse(hash: string): { id: string; arg: string | null; params: URLSearchParams } {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const [id = '', ...rest] = path.split('/');
  const known = ROUTES.some((r) => r.id === id);
  return {
    id: known ? id : ROUTES[0]!.id,
    arg: known && rest.length ? decodeURIComponent(rest.join('/')) : null,
    params: new URLSearchParams(known ? search : ''),
  };
}

const fragment = (id: string, params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return `${id}${search ? `?${search}` : ''}`;
};

async function render(): Promise<void> {
  const { id, arg, params } = parse(location.hash);
  const route = ROUTES.find((r) => r.id === id)!;
  const tab = route.tab ?? route.id;
  for (const a of Array.from(nav.querySelectorAll('a')))
    if (a.dataset.tab === tab) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  const title = ROUTES.find((r) => r.id === tab)?.label;
  document.title = title ? `${title} · Aid Ledger` : 'Aid Ledger';
  // Each render draws into a fresh section, so a slow answer for a view left behind lands nowhere.
  const root = h('section', { class: 'view', 'data-view': id, 'aria-busy': 'true' }, loading());
  replace(main, root);
  const ctx: ViewContext = {
    root,
    arg,
    params,
    navigate: (next, view) => (location.hash = fragment(view ?? id, next)),
  };
  await route.render(ctx);
  root.setAttribute('aria-busy', 'false');
}

replace(
  nav,
  ...ROUTES.filter((r) => r.label).map((r) =>
    h('a', { href: `#${r.id}`, 'data-tab': r.id }, r.label!),
  ),
);
// The skip link moves focus to the content without touching the fragment the views live in.
document.querySelector('a.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
// After a change of view, keyboard and screen-reader users continue from the new content.
window.addEventListener('hashchange', () => void render().then(() => main.focus()));
void render();
