/**
 * The local bucket is versioned and its PUTs atomic, as on AWS: each S3 event names the version
 * its PUT created and ingest reads exactly that one, re-extraction reads the version an article
 * was first recorded from, and no reader (nor ingest) ever sees a torn or empty object, whether
 * PUTs race or one is cut off half-way.
 */
import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticle } from '../../bench/generator';
import { LOCAL_CREDENTIALS, localExtractor } from '../../local/composition';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { S3ObjectStore } from '../../src/adapters/s3-object-store';
import type { Extractor } from '../../src/app/ports';
import { reextractAll } from '../../src/app/reextract';
import { ARTICLES_PREFIX } from '../../src/tables';
import { allEvents, ingestLog } from '../support/local-s3';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, apiPort: 0 });
});
afterAll(async () => {
  await stack?.stop();
});

const put = async (s3: S3Client, bucket: string, key: string, body: string) =>
  (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))).VersionId;

const read = async (key: string, versionId?: string) => {
  const out = await stack.s3.send(
    new GetObjectCommand({ Bucket: stack.bucket, Key: key, VersionId: versionId }),
  );
  return { text: await out.Body!.transformToString(), versionId: out.VersionId };
};

/**
 * A PUT over a plain connection announcing `length` bytes, its body sent in `count` parts
 * `delayMs` apart; `cut` closes the connection instead of finishing it.
 */
async function rawPut(
  key: string,
  body: {
    length: number;
    part: (i: number) => Buffer;
    count: number;
    delayMs: number;
    cut?: boolean;
  },
): Promise<number | null> {
  const { length, part, count, delayMs, cut = false } = body;
  const { port } = new URL(stack.s3Endpoint);
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'PUT',
    path: `/${stack.bucket}/${key}`,
    headers: {
      'content-length': length,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`,
    },
  });
  const status = new Promise<number | null>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('error', () => resolve(null));
  });
  for (let i = 0; i < count; i++) {
    req.write(part(i));
    await new Promise((r) => setTimeout(r, delayMs));
  }
  if (cut) {
    req.destroy();
    return null;
  }
  req.end();
  return status;
}

describe('a versioned local bucket', () => {
  it('given two articles PUT to one key back-to-back, ten times, then all twenty are ingested, each from its own version, and re-extraction reads each its own', async () => {
    const puts: { key: string; text: string; versionId: string | undefined }[] = [];
    for (let i = 0; i < 10; i++) {
      const key = `${ARTICLES_PREFIX}back-to-back-${i}.txt`;
      const [first, second] = [generateArticle(2000 + i), generateArticle(3000 + i)];
      // No wait between the two PUTs: the second lands while the first is being ingested.
      puts.push({
        key,
        text: first.text,
        versionId: await put(stack.s3, stack.bucket, key, first.text),
      });
      puts.push({
        key,
        text: second.text,
        versionId: await put(stack.s3, stack.bucket, key, second.text),
      });
    }
    await stack.settled();

    expect(new Set(puts.map((p) => p.versionId)).size).toBe(20);
    for (const p of puts) expect((await read(p.key, p.versionId)).text).toBe(p.text);

    // Each PUT's event named its version, and each version became its own article.
    const received = (await allEvents(stack.dynamo, stack.eventsTable)).filter(
      (e) => e.type === 'ArticleReceived' && e.correlation.key.includes('back-to-back-'),
    );
    expect(received.map((e) => e.correlation.versionId).sort()).toEqual(
      puts.map((p) => p.versionId).sort(),
    );
    const articleOf = new Map(received.map((e) => [e.correlation.versionId, e.articleId]));
    expect(new Set(articleOf.values()).size).toBe(20);
    const outcomes = ingestLog(stack.dataDir).filter((r) => r.key.includes('back-to-back-'));
    expect(outcomes.filter((r) => r.outcome === 'ingested')).toHaveLength(20);

    // A newer extractor re-extracts every article from the version it was recorded from: each
    // article's stored text is still its own afterwards (it was the other's before the fix).
    const upgraded: Extractor = {
      ...localExtractor,
      version: `${localExtractor.version}+versions`,
      prepare: async (input) => ({
        ...(await localExtractor.prepare(input)),
        extractorVersion: `${localExtractor.version}+versions`,
      }),
    };
    const objects = new S3ObjectStore(stack.s3);
    const summary = await reextractAll({
      events: new DynamoDbEventStore(stack.dynamo, stack.eventsTable),
      objects,
      extractor: upgraded,
      now: () => new Date().toISOString(),
    });
    expect(summary.failed).toEqual([]);
    expect(summary.articles).toBeGreaterThanOrEqual(20);
    for (const p of puts) {
      const articleId = articleOf.get(p.versionId ?? null)!;
      const stored = await objects.getText(stack.bucket, `text/${articleId}.txt`);
      const own = await localExtractor.prepare({
        fileName: p.key.slice(ARTICLES_PREFIX.length),
        bytes: new TextEncoder().encode(p.text),
        metadata: {},
      });
      expect(own.kind).toBe('prepared');
      expect(stored).toBe(own.kind === 'prepared' ? own.text : null);
    }
  });

  it('given PUTs racing on one key, ten at once and one trickling in over a second, while readers read it, then every read is one whole article and every version is ingested, none as empty', async () => {
    const key = `${ARTICLES_PREFIX}racing.txt`;
    // About 400 KB each, so a write takes long enough for a reader to meet it half-way.
    const filler = 'The district council met again on Thursday to discuss the schedule.\n'.repeat(
      6000,
    );
    const texts = Array.from(
      { length: 12 },
      (_, i) => `${generateArticle(4000 + i).text}\n\n${filler}`,
    );
    await put(stack.s3, stack.bucket, key, texts[0]!);
    let writing = true;
    const reads: string[] = [];
    const readers = Array.from({ length: 3 }, async () => {
      while (writing) reads.push((await read(key)).text);
    });
    const slow = Buffer.from(texts[1]!);
    const chunk = Math.ceil(slow.length / 20);
    await Promise.all([
      rawPut(key, {
        length: slow.length,
        part: (i) => slow.subarray(i * chunk, (i + 1) * chunk),
        count: 20,
        delayMs: 50,
      }),
      ...texts.slice(2).map((t) => put(stack.s3, stack.bucket, key, t)),
    ]);
    writing = false;
    await Promise.all(readers);
    await stack.settled();

    expect(reads.length).toBeGreaterThan(10);
    const whole = new Set(texts);
    expect(reads.filter((r) => !whole.has(r)).map((r) => r.length)).toEqual([]);

    const outcomes = ingestLog(stack.dataDir).filter((r) => r.key === key);
    expect(outcomes.filter((r) => r.outcome === 'rejected')).toEqual([]);
    const received = (await allEvents(stack.dynamo, stack.eventsTable)).filter(
      (e) => e.type === 'ArticleReceived' && e.correlation.key === key,
    );
    expect(new Set(received.map((e) => e.correlation.versionId)).size).toBe(texts.length);
    expect(new Set(received.map((e) => e.articleId)).size).toBe(texts.length);
  });

  it('given a PUT cut off half-way, then no version and no event are created and the object stays whole', async () => {
    const key = `${ARTICLES_PREFIX}cut-off.txt`;
    const whole = generateArticle(5000).text;
    await put(stack.s3, stack.bucket, key, whole);
    await stack.settled();
    const before = ingestLog(stack.dataDir).length;

    // A client that dies after sending 1 KB of the 100 KB it announced.
    await rawPut(key, {
      length: 100_000,
      part: () => Buffer.alloc(1024, 'x'),
      count: 1,
      delayMs: 200,
      cut: true,
    });
    await new Promise((r) => setTimeout(r, 500));
    await stack.settled();

    expect((await read(key)).text).toBe(whole);
    const versions = await stack.s3.send(
      new ListObjectVersionsCommand({ Bucket: stack.bucket, Prefix: key }),
    );
    expect(versions.Versions ?? []).toHaveLength(1);
    expect(ingestLog(stack.dataDir).slice(before)).toEqual([]);
  });
});
