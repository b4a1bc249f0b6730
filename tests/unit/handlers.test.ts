import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import type { Context, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { commitToItem } from '../../src/adapters/commit-item';
import { ENV } from '../../src/tables';
import { caseCount, extracted, ingestCommit } from '../support/builders';

Object.assign(process.env, {
  [ENV.eventsTable]: 'events',
  [ENV.viewsTable]: 'views',
  [ENV.bucket]: 'bucket',
  AWS_REGION: 'us-east-1',
});

const { handler: ingest } = await import('../../src/lambdas/aws/ingest');
const { handler: project } = await import('../../src/lambdas/aws/projector');

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
const raw = mockClient(DynamoDBClient);

const s3Event = (key: string): S3Event =>
  ({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'bucket' }, object: { key, size: 10 } },
      },
    ],
  }) as unknown as S3Event;

const body = (text: string) => sdkStreamMixin(Readable.from([Buffer.from(text)]));

beforeEach(() => {
  s3.reset();
  ddb.reset();
  raw.reset();
  // The key still holds its object (no delete marker on top).
  s3.on(ListObjectVersionsCommand).callsFake((input: { Prefix: string }) => ({
    Versions: [{ Key: input.Prefix, VersionId: 'null', IsLatest: true }],
  }));
});

describe('ingest handler', () => {
  it('given a new article, appends its commit with one conditional put and stores its text', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({
      Body: body('Title\n\nSome text about aid.'),
      ContentType: 'text/plain',
    }));
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(PutCommand).resolves({});

    const results = await ingest(s3Event('articles/my+file.txt'));

    expect(results).toEqual([
      expect.objectContaining({ outcome: 'ingested', key: 'articles/my file.txt' }),
    ]);
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ConditionExpression).toBe('attribute_not_exists(#pk)');
    expect(put.Item).toMatchObject({ version: 1, eventCount: 2 });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Key).toMatch(
      /^text\/[0-9a-f]{24}\.txt$/,
    );
  });

  it('given the article is already recorded from this object, appends nothing', async () => {
    const text = 'Title\n\nSome text about aid.';
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body(text) }));
    const existing = ingestCommit('whatever', extracted(), 'articles/my file.txt');
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          ...commitToItem({
            ...existing,
            events: existing.events.map((e) => ({
              ...e,
              correlation: { bucket: 'bucket', key: 'articles/my file.txt', versionId: null },
            })),
          }),
        },
      ],
    });

    const results = await ingest(s3Event('articles/my+file.txt'));

    expect(results[0]!.outcome).toBe('redelivered');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('ignores objects outside articles/ (the text it writes itself lands in the same bucket)', async () => {
    expect(await ingest(s3Event('text/abc.txt'))).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('fails the invocation when an append keeps losing races, so S3 retries it', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body('Title\n\nSome text.') }));
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    await expect(ingest(s3Event('articles/a.txt'))).rejects.toThrow(/failed to ingest/);
  });
});

describe('projector handler', () => {
  const record = (seq: string, image: Record<string, unknown>) => ({
    eventID: seq,
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: { SequenceNumber: seq, NewImage: marshall(image) as never },
  });

  it('reports only the poison record as a batch item failure and projects the rest', async () => {
    const good = commitToItem(ingestCommit('a', extracted({ caseCounts: [caseCount()] })));
    ddb.on(GetCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });

    const event: DynamoDBStreamEvent = {
      Records: [record('100', { ...good, events: '{not json' }), record('200', { ...good })],
    };
    const response = await project(event, {} as Context);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '100' }]);
    expect(ddb.commandCalls(BatchWriteCommand).length).toBeGreaterThan(0);
  });
});
