/**
 * A local stand-in for Lambda's DynamoDB Streams event source mapping: reads DynamoDB Local's
 * stream API shard by shard and calls the projector handler with the event shape Lambda uses,
 * honouring ReportBatchItemFailures, bisect-on-error, bounded retries and an on-failure
 * destination (a folder of messages shaped like the ones Lambda sends to SQS).
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { toLambdaRecord } from '../src/adapters/dynamodb-stream-reader';
import type { DeadLetterQueue, StreamFailureMessage } from '../src/app/ports';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: StreamHandler;
  deadLetters: DeadLetterQueue<StreamFailureMessage>;
  checkpointFile: string | null;
  batchSize?: number;
  maxRetries?: number;
  idleMs?: number;
  onError?: (error: unknown) => void;
}

const lambdaContext = (name: string): Context =>
  ({
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

export class StreamPoller {
  private readonly checkpoints: Record<string, string>;
  private readonly finishedShards = new Set<string>();
  private readonly iterators = new Map<string, string>();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private streamArn: string | null = null;
  /** Resolvers waiting for the poller to reach the end of every shard. */
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: StreamPollerOptions) {
    this.checkpoints =
      o.checkpointFile && existsSync(o.checkpointFile)
        ? JSON.parse(readFileSync(o.checkpointFile, 'utf8'))
        : {};
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Resolves once every record written so far has been delivered (or dead-lettered). */
  drained(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let delivered = 0;
      try {
        delivered = await this.pollOnce();
      } catch (error) {
        // The stream may have gone away under us (DynamoDB Local restarted): start again from the
        // checkpoints, which only ever move past records that were delivered.
        this.iterators.clear();
        this.streamArn = null;
        this.o.onError?.(error);
      }
      if (delivered === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        await new Promise((r) => setTimeout(r, this.o.idleMs ?? 200));
      }
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async pollOnce(): Promise<number> {
    this.streamArn ??=
      (await this.o.dynamo.send(new DescribeTableCommand({ TableName: this.o.tableName }))).Table
        ?.LatestStreamArn ?? null;
    if (!this.streamArn) return 0;
    const shards = await this.listShards(this.streamArn);
    let delivered = 0;
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (this.finishedShards.has(id)) continue;
      if (
        shard.ParentShardId &&
        !this.finishedShards.has(shard.ParentShardId) &&
        shards.some((s) => s.ShardId === shard.ParentShardId)
      )
        continue;
      delivered += await this.pollShard(this.streamArn, id);
    }
    return delivered;
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.o.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  private async iteratorFor(streamArn: string, shardId: string): Promise<string | undefined> {
    const after = this.checkpoints[shardId];
    const out = await this.o.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        SequenceNumber: after,
      }),
    );
    return out.ShardIterator;
  }

  private async pollShard(streamArn: string, shardId: string): Promise<number> {
    let iterator = this.iterators.get(shardId) ?? (await this.iteratorFor(streamArn, shardId));
    let delivered = 0;
    while (iterator && !this.stopped) {
      let out;
      try {
        out = await this.o.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: this.o.batchSize ?? 100 }),
        );
      } catch (error) {
        if (
          error instanceof ExpiredIteratorException ||
          error instanceof TrimmedDataAccessException
        ) {
          this.iterators.delete(shardId);
          return delivered;
        }
        throw error;
      }
      const records = out.Records ?? [];
      if (records.length > 0) {
        await this.deliver(
          streamArn,
          shardId,
          records.map((r) => toLambdaRecord(r, streamArn)),
        );
        delivered += records.length;
      }
      iterator = out.NextShardIterator;
      if (records.length === 0) break;
    }
    if (iterator) this.iterators.set(shardId, iterator);
    else {
      this.iterators.delete(shardId);
      this.finishedShards.add(shardId);
    }
    return delivered;
  }

  /**
   * Lambda's semantics: a reported failure checkpoints everything before it and retries from it;
   * with bisect-on-error the retried batch is halved each time; a record that still fails after
   * the retries goes to the on-failure destination and the shard moves on.
   */
  private async deliver(
    streamArn: string,
    shardId: string,
    batch: DynamoDBRecord[],
  ): Promise<void> {
    const maxRetries = this.o.maxRetries ?? 3;
    let pending = batch;
    let size = pending.length;
    let attempts = 0;
    while (pending.length > 0 && !this.stopped) {
      const slice = pending.slice(0, size);
      const failedAt = await this.invoke(slice);
      if (failedAt === null) {
        this.checkpoint(shardId, slice.at(-1)!);
        pending = pending.slice(slice.length);
        size = pending.length;
        attempts = 0;
        continue;
      }
      if (failedAt > 0) this.checkpoint(shardId, slice[failedAt - 1]!);
      pending = pending.slice(failedAt);
      attempts++;
      if (attempts > maxRetries && size === 1) {
        await this.deadLetter(streamArn, shardId, pending[0]!);
        this.checkpoint(shardId, pending[0]!);
        pending = pending.slice(1);
        size = pending.length;
        attempts = 0;
        continue;
      }
      size = Math.max(1, Math.ceil(Math.min(size, pending.length) / 2));
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempts)));
    }
  }

  /** Index of the first failed record, or null when the whole slice succeeded. */
  private async invoke(records: DynamoDBRecord[]): Promise<number | null> {
    try {
      const response = await this.o.handler({ Records: records }, lambdaContext('projector'));
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (failed.size === 0) return null;
      const index = records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      return index < 0 ? 0 : index;
    } catch (error) {
      this.o.onError?.(error);
      return 0;
    }
  }

  private checkpoint(shardId: string, record: DynamoDBRecord): void {
    this.checkpoints[shardId] = record.dynamodb!.SequenceNumber!;
    if (this.o.checkpointFile)
      writeFileSync(this.o.checkpointFile, JSON.stringify(this.checkpoints));
  }

  private async deadLetter(
    streamArn: string,
    shardId: string,
    record: DynamoDBRecord,
  ): Promise<void> {
    const seq = record.dynamodb!.SequenceNumber!;
    const message: StreamFailureMessage = {
      requestContext: {
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: (this.o.maxRetries ?? 3) + 1,
      },
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: seq,
        endSequenceNumber: seq,
        batchSize: 1,
        streamArn,
      },
      timestamp: new Date().toISOString(),
    };
    await this.o.deadLetters.send(message);
  }
}
