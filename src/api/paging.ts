/**
 * Paging over the list index. A cursor names the first item the next page starts with — the
 * list sort key of its group (or article) and its index inside the group — rather than the
 * store's last evaluated key, because filters are applied after the read and a page can end in
 * the middle of a group or of a store page. Sort keys are stable, so a cursor stays valid while
 * the views change around it.
 */
import type { ViewReader } from '../app/ports';
import type { QueryPlan } from '../domain/facts/kind';
import type { ArticleRecord } from '../domain/projections/model';
import { articleListSortKey } from '../domain/projections/project-all';

export interface Position {
  /** List sort key of the group (or article) holding the next item. */
  k: string;
  /** Index of the next item among the group's entries. */
  i: number;
}

export const encodePosition = (p: Position): string =>
  Buffer.from(JSON.stringify([p.k, p.i])).toString('base64url');

export function decodePosition(cursor: string): Position | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      Number.isSafeInteger(value[1]) &&
      value[1] >= 0
    ) {
      return { k: value[0], i: value[1] as number };
    }
  } catch {
    // not base64url JSON: reported as an invalid cursor below
  }
  return null;
}

export interface PageOf<T> {
  items: T[];
  next: Position | null;
}

export interface EntryQuery<E> extends QueryPlan<E> {
  limit: number;
  cursor: Position | undefined;
}

const STORE_PAGE = 500;
const maxKey = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

/**
 * Reads groups in list order from the cursor on, keeping matching entries until it has one more
 * than the page holds: that one's position is `next`, so `next` is null exactly on the last page.
 */
export async function pageEntries<E>(
  views: ViewReader,
  view: string,
  q: EntryQuery<E>,
): Promise<PageOf<E>> {
  const kept: { entry: E; at: Position }[] = [];
  const range = {
    fromSk: maxKey(q.fromSk, q.cursor?.k),
    ...(q.toSk !== undefined ? { toSk: q.toSk } : {}),
  };
  if (range.fromSk !== undefined && q.toSk !== undefined && range.fromSk > q.toSk)
    return { items: [], next: null };
  const batch = q.filtered ? STORE_PAGE : Math.min(STORE_PAGE, q.limit + 1);
  for (let storeCursor: string | null = null; ;) {
    const page = await views.listGroups(view, storeCursor, batch, range);
    for (const group of page.items) {
      const skip = q.cursor && group.listSk === q.cursor.k ? q.cursor.i : 0;
      (group.entries as E[]).forEach((entry, i) => {
        if (i < skip || kept.length > q.limit || !q.keep(entry)) return;
        kept.push({ entry, at: { k: group.listSk!, i } });
      });
      if (kept.length > q.limit)
        return { items: kept.slice(0, q.limit).map((k) => k.entry), next: kept[q.limit]!.at };
    }
    if (!(storeCursor = page.next)) return { items: kept.map((k) => k.entry), next: null };
  }
}

/** Articles, newest first, the same way: the cursor is the sort key of the next article. */
export async function pageArticles(
  views: ViewReader,
  q: {
    keep: (a: ArticleRecord) => boolean;
    filtered: boolean;
    limit: number;
    cursor: Position | undefined;
  },
): Promise<PageOf<ArticleRecord>> {
  const kept: ArticleRecord[] = [];
  const batch = q.filtered ? STORE_PAGE : Math.min(STORE_PAGE, q.limit + 1);
  for (let storeCursor: string | null = null; ;) {
    const page = await views.listArticles(storeCursor, batch, q.cursor ? { toSk: q.cursor.k } : {});
    for (const article of page.items) {
      if (!q.keep(article)) continue;
      kept.push(article);
      if (kept.length > q.limit)
        return {
          items: kept.slice(0, q.limit),
          next: { k: articleListSortKey(kept[q.limit]!.view), i: 0 },
        };
    }
    if (!(storeCursor = page.next)) return { items: kept, next: null };
  }
}
