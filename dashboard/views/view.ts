/** What every view gets: where to draw, its part of the URL, and how to change it. */
export interface ViewContext {
  root: HTMLElement;
  params: URLSearchParams;
  /** Replaces the view's parameters (kept in the URL fragment, so a filtered view can be linked). */
  navigate: (params: Record<string, string | undefined>) => void;
}
