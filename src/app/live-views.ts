/**
 * What the API reads: the live version of the views, whichever that is. The pointer naming it is
 * read at most once per `ttlMs` (a reader per request would double the reads); a rebuild that
 * switches versions keeps the old one for longer than that before dropping it, so a reader with
 * the old pointer still reads a whole version. Store cursors name no version, so a request paging
 * across a switch goes on in the new version from where it was.
 */
import type { ViewPointer, ViewReader, ViewVersion, ViewVersions } from './ports';

/** How long a reader keeps using a pointer it has read. */
export const POINTER_TTL_MS = 1000;

export class LiveViews implements ViewReader {
  private cached: { until: number; pointer: Promise<ViewPointer> } | null = null;

  constructor(
    private readonly versions: ViewVersions,
    private readonly options: { ttlMs: number; now: () => number } = {
      ttlMs: POINTER_TTL_MS,
      now: Date.now,
    },
  ) {}

  private async live(): Promise<ViewVersion> {
    const now = this.options.now();
    if (!this.cached || now >= this.cached.until) {
      const pointer = this.versions.readPointer();
      this.cached = { until: now + this.options.ttlMs, pointer };
      // A failed read is not kept: the next call reads again.
      pointer.catch(() => {
        if (this.cached?.pointer === pointer) this.cached = null;
      });
    }
    return this.versions.at((await this.cached.pointer).live);
  }

  getArticle: ViewReader['getArticle'] = async (id) => (await this.live()).getArticle(id);

  listEntries: ViewReader['listEntries'] = async (view, query) =>
    (await this.live()).listEntries(view, query);

  listArticles: ViewReader['listArticles'] = async (...args) =>
    (await this.live()).listArticles(...args);
}
