import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, type StackInfo } from '../../local/stack';
import { ARTICLES_PREFIX } from '../../shared/tables';

export function clientsFor(stack: StackInfo) {
  const s3 = new S3Client({ region: stack.region, endpoint: stack.s3Endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const dynamo = new DynamoDBClient({ region: stack.region, endpoint: stack.dynamoEndpoint, credentials: LOCAL_CREDENTIALS });
  return {
    s3,
    dynamo,
    async upload(name: string, body: string | Uint8Array, metadata: Record<string, string> = {}) {
      await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: `${ARTICLES_PREFIX}${name}`, Body: body, Metadata: metadata }));
    },
    async get<T = unknown>(path: string): Promise<{ status: number; body: T; headers: Headers }> {
      const res = await fetch(`${stack.apiUrl}${path}`);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: CSV or HTML
      }
      return { status: res.status, body: body as T, headers: res.headers };
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
