/**
 * `npm run redrive` (and the redrive Lambda, which runs the same code) after a fix: every dead
 * letter is tried and reported, one that still fails stays queued, and none of them stops the
 * others — a batch whose every record fails again, records that have left the stream, an upload
 * that still cannot be ingested.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, S3Event } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDeadLetterQueue } from '../../local/file-dead-letter-queue';
import { objectCreatedRecord } from '../../local/s3-bridge';
import { commitToItem } from '../../src/adapters/commit-item';
import { MemoryViewVersions } from '../../src/adapters/memory-stores';
import type { AsyncFailureMessage, StreamFailureMessage } from '../../src/app/ports';
import { printable } from '../../src/app/printable';
import type { Commit } from '../../src/domain/commit';
import { createProjectorHandler } from '../../src/lambdas/projector';
import { createRedriveHandler } from '../../src/lambdas/redrive';
import { extracted, ingestCommit } from '../support/builders';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const queue = <M>(visibilityMs?: number) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-dlq-'));
  dirs.push(dir);
  return new FileDeadLetterQueue<M>(dir, visibilityMs);
};

const silent = {
  addContext: () => undefined,
  appendKeys: () => undefined,
  removeKeys: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as Logger;

const recordOf = (commit: Commit, seq: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: seq,
    NewImage: marshall(commitToItem(commit), { removeUndefinedValues: true }) as never,
  },
});

const deadLetter = (seq: string): StreamFailureMessage => ({
  DDBStreamBatchInfo: {
    shardId: 'shard-1',
    startSequenceNumber: seq,
    endSequenceNumber: seq,
    batchSize: 1,
    streamArn: 'arn:aws:dynamodb:local:0:table/events/stream/x',
  },
});

/** Views whose live store refuses the articles named "poison…", as a bug not yet fixed would. */
function poisonedViews() {
  const versions = new MemoryViewVersions();
  const views = versions.live();
  const put = views.putArticle.bind(views);
  views.putArticle = async (state, rev) => {
    if (state.articleId.startsWith('poison')) throw new Error('the projector bug is still there');
    return put(state, rev);
  };
  return versions;
}

describe('redrive', () => {
  it('given twelve projector dead letters of which ten still fail and one has left the stream, then all twelve are tried, each is reported, and only the good one is removed', async () => {
    const records = queue<StreamFailureMessage>();
    const byStart = new Map<string, DynamoDBRecord[]>();
    for (let i = 0; i < 10; i++) {
      const seq = String(100 + i);
      byStart.set(seq, [recordOf(ingestCommit(`poison${i}`, extracted()), seq)]);
      await records.send(deadLetter(seq));
    }
    await records.send(deadLetter('200'));
    byStart.set('300', [recordOf(ingestCommit('healthy', extracted()), '300')]);
    await records.send(deadLetter('300'));
    const versions = poisonedViews();

    const handler = createRedriveHandler({
      uploads: queue<AsyncFailureMessage<S3Event>>(),
      records,
      stream: {
        read: async (info) => {
          const found = byStart.get(info.startSequenceNumber);
          if (!found) throw new Error('TrimmedDataAccessException: the records are gone');
          return found;
        },
      },
      ingest: async () => [],
      projector: createProjectorHandler({ versions, logger: silent }),
      logger: silent,
    });
    const { projector } = await handler({}, {} as Context);

    expect(projector).toMatchObject({ messages: 12, redriven: 1, stillFailing: 11 });
    expect(projector.outcomes).toHaveLength(12);
    expect(projector.outcomes.filter((o) => o.outcome === 'redriven')).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('300') }),
    ]);
    expect(projector.outcomes.find((o) => o.subject.includes('200'))?.detail).toMatch(
      /could not be read back.*rebuild/,
    );
    expect(projector.outcomes.find((o) => o.subject.includes('105'))?.detail).toBe(
      '1 of 1 records failed again',
    );
    expect(await versions.live().getArticle('healthy')).not.toBeNull();
    expect(records.count()).toBe(11);
  });

  it('given an upload that still cannot be ingested, then it is reported with its object and why, stays queued, and the next one is ingested', async () => {
    const uploads = queue<AsyncFailureMessage<S3Event>>();
    for (const key of ['articles/bad\nline.txt', 'articles/good.txt'])
      await uploads.send({ requestPayload: { Records: [objectCreatedRecord('b', key)] } });
    const ingested: string[] = [];
    const handler = createRedriveHandler({
      uploads,
      records: queue<StreamFailureMessage>(),
      stream: { read: async () => [] },
      ingest: async (event) => {
        const key = decodeURIComponent(event.Records[0]!.s3.object.key);
        if (key.includes('bad'))
          throw new AggregateError([new Error('the metadata broke it')], '1 of 1 objects failed');
        ingested.push(key);
        return [];
      },
      projector: async () => ({ batchItemFailures: [] }),
      logger: silent,
    });
    const { ingest } = await handler({}, {} as Context);
    expect(ingest).toMatchObject({ messages: 2, redriven: 1, stillFailing: 1 });
    expect(ingested).toEqual(['articles/good.txt']);
    const failed = ingest.outcomes.find((o) => o.outcome === 'still failing')!;
    expect(failed.subject).toBe('s3://b/articles/bad\nline.txt');
    expect(failed.detail).toBe('1 of 1 objects failed: the metadata broke it');
    expect(uploads.count()).toBe(1);
  });

  it('a dead letter received and left in place is not received again until its visibility timeout passes, as with SQS', async () => {
    const q = queue<{ n: number }>(50);
    await q.send({ n: 1 });
    await q.send({ n: 2 });
    expect((await q.receive(1)).map((m) => m.message.n)).toEqual([1]);
    expect((await q.receive(10)).map((m) => m.message.n)).toEqual([2]);
    expect(await q.receive(10)).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect((await q.receive(10)).map((m) => m.message.n)).toEqual([1, 2]);
  });
});

describe('printable', () => {
  it('writes the control characters of an uploader-chosen key as visible escapes, so it cannot forge a log line or drive the terminal', () => {
    expect(printable('articles/a\nFAKE line\r\u001b[2J\u0007\u2028x\u202ey.txt')).toBe(
      'articles/a\\nFAKE line\\r\\x1b[2J\\x07\\u2028x\\u202ey.txt',
    );
    expect(printable('articles/ünïcödé 名前.txt')).toBe('articles/ünïcödé 名前.txt');
  });
});
