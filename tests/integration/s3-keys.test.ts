/**
 * Keys are S3 keys, never paths: a 900-character segment is stored like any key (S3 allows
 * 1,024 bytes), a longer key is refused with S3's KeyTooLongError, and a key full of `../` is
 * stored under its literal name inside the data folder. None of them stops the stack.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticle } from '../../bench/generator';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ARTICLES_PREFIX } from '../../src/tables';
import { ingestLog } from '../support/local-s3';

let stack: LocalStack;
const sentinel = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-escape-'));
beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, apiPort: 0 });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(sentinel, { recursive: true, force: true });
});

const put = (key: string, body: string) =>
  stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body }));
const get = async (key: string) =>
  (
    await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: key }))
  ).Body!.transformToString();
const healthy = async () => (await fetch(`${stack.apiUrl}/health`)).status === 200;

describe('object keys in the local S3 server', () => {
  it('given a key with a 900-character segment, then it is stored, read back and ingested', async () => {
    const key = `${ARTICLES_PREFIX}${'long-name-'.repeat(90)}.txt`;
    const text = generateArticle(6000).text;
    await put(key, text);
    expect(await get(key)).toBe(text);
    await stack.settled();
    expect(ingestLog(stack.dataDir).find((r) => r.key === key)?.outcome).toBe('ingested');
    expect(await healthy()).toBe(true);
  });

  it("given a key over S3's 1,024 bytes, then the PUT is refused with KeyTooLongError and the stack goes on", async () => {
    const key = `${ARTICLES_PREFIX}${'é'.repeat(510)}.txt`; // 1,033 bytes of UTF-8
    const error = await put(key, 'too long').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'KeyTooLongError',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await healthy()).toBe(true);
    await put(`${ARTICLES_PREFIX}after-the-long-key.txt`, generateArticle(6001).text);
    await stack.settled();
    expect(
      ingestLog(stack.dataDir).find((r) => r.key === `${ARTICLES_PREFIX}after-the-long-key.txt`)
        ?.outcome,
    ).toBe('ingested');
  });

  it('given a key that climbs out with ../, then it is stored under its literal name and nothing is written outside the data folder', async () => {
    // Enough ../ to reach / from any data folder, then down into a folder the test watches.
    const key = `${ARTICLES_PREFIX}${'../'.repeat(30)}${sentinel.slice(1)}/escaped.txt`;
    const text = generateArticle(6002).text;
    await put(key, text);
    // The issue's own example, relative to the data folder's parent.
    await put(`${ARTICLES_PREFIX}../../../../tmp/x.txt`, generateArticle(6003).text);

    expect(readdirSync(sentinel)).toEqual([]);
    expect(await get(key)).toBe(text);
    const listed = await stack.s3.send(
      new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: `${ARTICLES_PREFIX}../` }),
    );
    expect(listed.Contents?.map((c) => c.Key)).toContain(key);
    await stack.settled();
    expect(ingestLog(stack.dataDir).find((r) => r.key === key)?.outcome).toBe('ingested');
    expect(await healthy()).toBe(true);
  });
});
