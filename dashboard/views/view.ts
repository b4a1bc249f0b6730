import type { Access } from '../../src/api/access';

/** What every view gets: where to draw, its part of the URL, and how to change it. */
export interface ViewContext {
  root: HTMLElement;
  /** The route's argument: `#article/<id>` gives the id, `#country/<name or code>` the country. */
  arg: string | null;
  params: URLSearchParams;
  /**
   * Replaces the view's parameters (kept in the URL fragment, so a filtered view can be linked),
   * or opens another view with these parameters.
   */
  navigate: (params: Record<string, string | undefined>, view?: string) => void;
}

/** A view the router can show: in the navigation when it has a label, else under the tab it belongs to. */
export interface Route {
  id: string;
  label?: string;
  /** The navigation tab shown as current (defaults to the route itself). */
  tab?: string;
  /** Who may see it (src/api/access.ts): the facts unless said otherwise. */
  needs?: Access;
  render: (ctx: ViewContext) => Promise<void>;
}
