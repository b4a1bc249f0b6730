import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../../local/composition';
import type { StackInfo } from '../../local/stack';
import { ARTICLES_PREFIX } from '../../src/tables';

export function clientsFor(stack: StackInfo) {
  const s3 = new S3Client({
    region: stack.region,
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
  const dynamo = new DynamoDBClient({
    region: stack.region,
    endpoint: stack.dynamoEndpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  /** A GET as a signed-in reader, unless another token (or null: none) is given. */
  async function get<T = unknown>(
    path: string,
    token: string | null = stack.tokens.reader,
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: CSV or HTML
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }
  /** Every item of a list route, following its cursors. */
  async function getAll<T>(route: string): Promise<T[]> {
    const items: T[] = [];
    const sep = route.includes('?') ? '&' : '?';
    for (let cursor: string | null = null; ;) {
      const { body }: { body: { items: T[]; next: string | null } } = await get<{
        items: T[];
        next: string | null;
      }>(`${route}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...body.items);
      if (!(cursor = body.next)) return items;
    }
  }
  return {
    s3,
    dynamo,
    get,
    getAll,
    /** A digest of the three fact views as the API serves them: equal digests, identical views. */
    async viewsDigest(): Promise<string> {
      const hash = createHash('sha256');
      for (const route of ['/timeline', '/aid-flows', '/case-counts'])
        hash.update(JSON.stringify(await getAll(route)));
      return hash.digest('hex');
    },
    /** Waits until two digests half a second apart agree: the projector has caught up. */
    async settledViews(ms = 30_000): Promise<string> {
      let last = '';
      return eventually(
        async () => {
          const d = await this.viewsDigest();
          const stable = d === last;
          last = d;
          if (!stable) await new Promise((r) => setTimeout(r, 500));
          return stable ? d : undefined;
        },
        ms,
        'the views to settle',
      );
    },
    /** PUTs an article under articles/; returns the version the versioned bucket gave it. */
    async upload(name: string, body: string | Uint8Array, metadata: Record<string, string> = {}) {
      const out = await s3.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: `${ARTICLES_PREFIX}${name}`,
          Body: body,
          Metadata: metadata,
        }),
      );
      return { versionId: out.VersionId ?? null };
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  ms = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
