/**
 * Paging over one list partition, with a fixed bound on the work per request. A cursor names the
 * sort key the next page starts at (inclusive), not the store's last evaluated key: filters are
 * applied after the read, so a page can end anywhere, and sort keys are stable, so a cursor stays
 * valid while the views change around it. A request reads at most `readBudget(limit)` entries
 * whatever its filters — what an unfiltered page of that size reads — so a filter never costs
 * more than no filter; when that is not enough to fill the page it answers what it found and a
 * cursor to continue, possibly an empty page with a `next`.
 */
import type { ViewReader } from '../app/ports';
import type { QueryPlan } from '../domain/facts/kind';
import type { ArticleRecord } from '../domain/projections/model';
import { articleListSortKey } from '../domain/projections/project-all';
import { utf8Length } from '../domain/bounds';
import { MAX_KEY_BYTES } from '../domain/projections/contributions';

export interface Position {
  /** Sort key of the next item to return. */
  k: string;
}

/** Sort keys are bounded at a few hundred characters; anything much longer was not issued here. */
const MAX_CURSOR_CHARS = 1200;
/** A cursor names a stored sort key, or one just after it; a longer one was forged. */
const MAX_CURSOR_KEY_BYTES = MAX_KEY_BYTES + 1;

export const encodePosition = (p: Position): string =>
  Buffer.from(JSON.stringify([p.k])).toString('base64url');

export function decodePosition(cursor: string): Position | null {
  if (cursor.length > MAX_CURSOR_CHARS) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 1 &&
      typeof value[0] === 'string' &&
      utf8Length(value[0]) <= MAX_CURSOR_KEY_BYTES
    )
      return { k: value[0] };
  } catch {
    // not base64url JSON: reported as an invalid cursor below
  }
  return null;
}

export interface PageOf<T> {
  items: T[];
  next: Position | null;
  /** Entries read to find them, for callers that bound what they read over several pages. */
  read: number;
}

/** A default page's read (100 entries and the one that says whether there is more). */
const MIN_READ = 101;
/**
 * Entries one request reads at most, whatever its filters: as many as the unfiltered page of the
 * same size, and at least a default page's, so a small `limit` still looks far enough ahead.
 */
export const readBudget = (limit: number): number => Math.max(limit + 1, MIN_READ);
/** The most any request reads: the budget of the largest page (limit 500). */
export const MAX_READ = readBudget(500);
const maxKey = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;
/** The smallest key after `k`: where reading resumes when it stopped right after `k`. */
const after = (k: string) => `${k}\u0000`;

export async function pageEntries<E>(
  views: ViewReader,
  view: string,
  plan: QueryPlan<E>,
  page: { limit: number; cursor: Position | undefined },
): Promise<PageOf<E>> {
  const range = {
    ...(maxKey(plan.fromSk, page.cursor?.k) !== undefined
      ? { fromSk: maxKey(plan.fromSk, page.cursor?.k) }
      : {}),
    ...(plan.toSk !== undefined ? { toSk: plan.toSk } : {}),
  };
  const kept: { entry: E; sk: string }[] = [];
  const budget = readBudget(page.limit);
  let read = 0;
  for (let storeCursor: string | null = null; ;) {
    const want = plan.filtered ? budget - read : page.limit + 1 - kept.length;
    const found = await views.listEntries(view, {
      facet: plan.facet,
      cursor: storeCursor,
      limit: Math.min(want, budget - read),
      ...range,
    });
    for (const item of found.items) {
      read++;
      if (plan.keep(item.entry as E)) kept.push({ entry: item.entry as E, sk: item.sk });
      if (kept.length > page.limit)
        return {
          items: kept.slice(0, page.limit).map((k) => k.entry),
          next: { k: kept[page.limit]!.sk },
          read,
        };
    }
    const last = found.items.at(-1);
    if (!found.next) return { items: kept.map((k) => k.entry), next: null, read };
    if (read >= budget && last)
      return { items: kept.map((k) => k.entry), next: { k: after(last.sk) }, read };
    storeCursor = found.next;
  }
}

/**
 * The largest key below `k` that a sort key can take: where a newest-first read resumes when it
 * stopped right at `k` (sort keys are `receivedAt|id`, ids base-16, so none falls in between).
 */
const before = (k: string) =>
  `${k.slice(0, -1)}${String.fromCharCode(k.charCodeAt(k.length - 1) - 1)}\uffff`;

/**
 * Articles, newest first, the same way: the cursor is the sort key of the next article, and
 * `updatedSince` is a test on what is read, within the same bound on the work per request.
 */
export async function pageArticles(
  views: ViewReader,
  q: {
    status: ArticleRecord['view']['status'] | undefined;
    limit: number;
    cursor: Position | undefined;
    updatedSince?: string | undefined;
  },
): Promise<PageOf<ArticleRecord>> {
  const since = q.updatedSince;
  const kept: ArticleRecord[] = [];
  const budget = readBudget(q.limit);
  let read = 0;
  for (let storeCursor: string | null = null; ;) {
    const want = since ? budget - read : q.limit + 1 - kept.length;
    const found = await views.listArticles(
      storeCursor,
      Math.min(want, budget - read),
      q.cursor ? { toSk: q.cursor.k } : {},
      q.status,
    );
    for (const a of found.items) {
      read++;
      if (!since || a.view.updatedAt >= since) kept.push(a);
      if (kept.length > q.limit)
        return {
          items: kept.slice(0, q.limit),
          next: { k: articleListSortKey(kept[q.limit]!.view) },
          read,
        };
    }
    const last = found.items.at(-1);
    if (!found.next) return { items: kept, next: null, read };
    if (read >= budget && last)
      return { items: kept, next: { k: before(articleListSortKey(last.view)) }, read };
    storeCursor = found.next;
  }
}
