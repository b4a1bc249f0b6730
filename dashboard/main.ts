/**
 * The dashboard's entry: the views of ./routes.ts behind tabs, routed by the URL fragment
 * (`#countries`, `#country/PRK`, `#flows?donor=China`…), each shown only to whom may see it.
 */
import {
  completeSignIn,
  currentUser,
  loadConfig,
  mayUse,
  signIn,
  signOut,
  type AuthConfig,
} from './auth';
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
  if (!mayUse(route.needs ?? 'facts')) {
    replace(root, signInPanel(route.needs ?? 'facts'));
    root.setAttribute('aria-busy', 'false');
    return;
  }
  const ctx: ViewContext = {
    root,
    arg,
    params,
    navigate: (next, view) => (location.hash = fragment(view ?? id, next)),
  };
  await route.render(ctx);
  root.setAttribute('aria-busy', 'false');
}

/** What a view that needs more than the user has says instead. */
function signInPanel(needs: string): HTMLElement {
  const user = currentUser();
  return h(
    'div',
    { class: 'sign-in-needed' },
    h('h2', {}, user ? 'Not for this account' : 'Sign in to see this'),
    user
      ? h(
          'p',
          {},
          `${user.name} may not see this: it needs the ${needs} role. An operator can add you to the ${needs} group.`,
        )
      : h(
          'p',
          {},
          h(
            'button',
            { type: 'button', class: 'sign-in', onclick: () => void signIn() },
            'Sign in',
          ),
        ),
  );
}

/** Who is signed in, and the button to sign in or out, in the header. */
function sessionBar(config: AuthConfig, problem: string | null): HTMLElement {
  const user = currentUser();
  const button = (label: string, action: () => Promise<void>) =>
    h('button', { type: 'button', onclick: () => void action() }, label);
  return h(
    'div',
    { class: 'session' },
    problem ? h('span', { class: 'error', role: 'alert' }, problem) : null,
    user
      ? h(
          'span',
          { class: 'who' },
          `Signed in as ${user.name}${user.roles.length ? ` (${user.roles.join(', ')})` : ''}`,
        )
      : null,
    config.auth ? (user ? button('Sign out', signOut) : button('Sign in', signIn)) : null,
  );
}

const config = await loadConfig();
const problem = await completeSignIn();
document.querySelector('header')!.append(sessionBar(config, problem));
replace(
  nav,
  ...ROUTES.filter((r) => r.label && mayUse(r.needs ?? 'facts')).map((r) =>
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
