/**
 * The dashboard's client for the API it is served by (same origin, relative URLs), sending the
 * signed-in user's token.
 */
import { authHeaders } from './auth';

class ApiError extends Error {}

async function answer<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const detail =
      body && typeof body === 'object' && 'detail' in body
        ? String((body as { detail: unknown }).detail)
        : res.statusText;
    throw new ApiError(res.status === 401 ? 'sign in to see this' : `${res.status}: ${detail}`);
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(
    await fetch(path, { headers: { accept: 'application/json', ...authHeaders() } }),
  );
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify(body),
    }),
  );
}

interface Page<T> {
  items: T[];
  next: string | null;
}

/** Follows `next` until the list ends or `max` items are in; says whether it stopped early. */
export async function getAll<T>(
  path: string,
  max = 5000,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let cursor: string | null = null; ;) {
    const page: Page<T> = await getJson<Page<T>>(
      `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) return { items, complete: true };
    if (items.length >= max) return { items, complete: false };
  }
}

export const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
};
