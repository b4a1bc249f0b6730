/**
 * Fault injection against the local stack: throttling and transient DynamoDB errors on append
 * and projection, S3 events delivered twice and out of order, and DynamoDB Local restarted in the
 * middle of a bulk ingest. After recovery the views must equal those of a clean run and every
 * article must have exactly one stream with exactly one extraction.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateArticle } from '../../bench/generator';
import { objectCreatedRecord } from '../../local/s3-bridge';
import { INGEST_LOG, startLocalStack, type LocalStack } from '../../local/stack';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { DynamoDbStreamReader } from '../../src/adapters/dynamodb-stream-reader';
import { redrive, redriveIngest } from '../../src/app/redrive';
import { ARTICLES_PREFIX } from '../../src/tables';
import { eventually } from '../support/clients';
import { liveViews, readAllViews } from '../support/views';

const ARTICLES = Array.from({ length: 12 }, (_, i) => generateArticle(1000 + i));

let stack: LocalStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function upload(s: LocalStack, articles = ARTICLES): Promise<void> {
  await Promise.all(
    articles.map((a) =>
      s.s3.send(
        new PutObjectCommand({
          Bucket: s.bucket,
          Key: `${ARTICLES_PREFIX}${a.name}`,
          Body: a.text,
        }),
      ),
    ),
  );
}

/** When an entry last changed is the time its extraction was recorded: it differs between runs. */
const withoutRecordTimes = (views: unknown): string =>
  JSON.stringify(views, (key, value: unknown) => (key === 'updatedAt' ? undefined : value));

/** What a reader sees, without the receipt and record times that differ between runs. */
async function outcome(s: LocalStack): Promise<{
  digest: string;
  articles: string[];
  commitsPerStream: number[];
}> {
  const { articles, ...views } = await readAllViews(liveViews(s.dynamo, s.viewsTable));
  const events = new DynamoDbEventStore(s.dynamo, s.eventsTable);
  const commits = new Map<string, number>();
  for (let cursor: string | null = null; ;) {
    const page = await events.readAll(cursor, 500);
    for (const c of page.items) commits.set(c.streamId, (commits.get(c.streamId) ?? 0) + 1);
    if (!(cursor = page.next)) break;
  }
  return {
    digest: createHash('sha256').update(withoutRecordTimes(views)).digest('hex'),
    articles: articles.map((a) => a.id).sort(),
    commitsPerStream: [...commits.values()],
  };
}

/** Throws errors DynamoDB returns under load, inside the SDK's retry loop, at a given rate. */
function injectDynamoFaults(
  target: LocalStack,
  rate: number,
  seed = 1,
): { injected: () => number } {
  let s = seed,
    injected = 0;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  target.handlers.clients.dynamo.middlewareStack.add(
    (next) => async (args) => {
      if (random() < rate) {
        injected++;
        const name = random() < 0.5 ? 'ThrottlingException' : 'InternalServerError';
        throw Object.assign(new Error(`injected ${name}`), {
          name,
          $fault: 'server',
          $metadata: { httpStatusCode: name === 'ThrottlingException' ? 400 : 500 },
        });
      }
      return next(args);
    },
    { step: 'deserialize', name: 'injectedFaults', override: true },
  );
  return { injected: () => injected };
}

/**
 * The operator's recovery after an outage, `npm run redrive`: whatever exhausted its retries
 * waits in a dead-letter queue and is replayed.
 */
async function recover(s: LocalStack): Promise<void> {
  await s.settled();
  const { ingest, projector } = s.handlers;
  await redriveIngest(s.ingestDeadLetters, ingest);
  await s.settled();
  await redrive(s.deadLetters, new DynamoDbStreamReader(s.streams), async (records) =>
    (await projector({ Records: records }, {} as Context)).batchItemFailures.map(
      (f) => f.itemIdentifier,
    ),
  );
  expect(s.ingestDeadLetters.count() + s.deadLetters.count()).toBe(0);
}

let clean: Awaited<ReturnType<typeof outcome>>;

beforeAll(async () => {
  const s = await startLocalStack({ dataDir: null, apiPort: 0 });
  try {
    await upload(s);
    await s.settled();
    clean = await outcome(s);
  } finally {
    await s.stop();
  }
  expect(clean.articles).toHaveLength(ARTICLES.length);
});

describe('fault injection against the local stack', () => {
  it('given throttling and transient errors on a fifth of DynamoDB calls, then nothing is lost or duplicated', async () => {
    stack = await startLocalStack({ dataDir: null, apiPort: 0 });
    const faults = injectDynamoFaults(stack, 0.2);
    await upload(stack);
    await stack.settled();
    await recover(stack);

    expect(faults.injected()).toBeGreaterThan(5);
    const after = await outcome(stack);
    expect(after.articles).toEqual(clean.articles);
    expect(after.commitsPerStream.every((n) => n === 1)).toBe(true);
    expect(after.digest).toBe(clean.digest);
  });

  it('given every S3 event delivered twice, concurrently and out of order, then each article is recorded once', async () => {
    stack = await startLocalStack({ dataDir: null, apiPort: 0 });
    const handler = stack.handlers.ingest;
    await Promise.all(
      ARTICLES.map((a) =>
        stack!.s3.send(
          new PutObjectCommand({
            Bucket: stack!.bucket,
            Key: `${ARTICLES_PREFIX}${a.name}`,
            Body: a.text,
          }),
        ),
      ),
    );
    const events = ARTICLES.flatMap((a) => [a, a]).map(
      (a) =>
        ({
          Records: [objectCreatedRecord(stack!.bucket, `${ARTICLES_PREFIX}${a.name}`)],
        }) as S3Event,
    );
    events.reverse();
    await Promise.all(events.map((e) => handler(e)));
    await stack.settled();

    const after = await outcome(stack);
    expect(after.articles).toEqual(clean.articles);
    expect(after.commitsPerStream.every((n) => n === 1)).toBe(true);
    expect(after.digest).toBe(clean.digest);
  });

  it('given DynamoDB Local restarts in the middle of a bulk ingest, then the views converge to the clean run', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-restart-'));
    try {
      stack = await startLocalStack({ dataDir, fresh: true, apiPort: 0, ingestRetries: 4 });
      const uploading = upload(stack);
      const log = path.join(dataDir, INGEST_LOG);
      await eventually(
        async () => (existsSync(log) && readFileSync(log, 'utf8').trim() ? true : undefined),
        10_000,
        'the first ingest',
      );
      const before = readFileSync(log, 'utf8').trim().split('\n').length;
      await stack.restartDynamoDbLocal(500);
      await uploading;
      expect(before).toBeLessThan(ARTICLES.length);
      await recover(stack);

      const after = await outcome(stack);
      expect(after.articles).toEqual(clean.articles);
      expect(after.commitsPerStream.every((n) => n === 1)).toBe(true);
      expect(after.digest).toBe(clean.digest);
    } finally {
      await stack?.stop();
      stack = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
