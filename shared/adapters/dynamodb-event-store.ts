/**
 * Event store on DynamoDB: one stream per article, one item per commit (partition key the stream,
 * sort key the commit's version), the commit's events as one JSON document.
 *
 * Why one commit item rather than one item per event written with TransactWriteItems: a single
 * conditional PutItem is atomic on its own, costs one write instead of a two-phase transaction
 * (TransactWriteItems bills twice the capacity and is capped at 100 actions), and gives the
 * projector one stream record per commit, so it never sees half an extraction. bench/store.ts
 * measures both; the price is the 400 KB item limit, which the size guard below enforces. A long
 * article's events (its evidence sentences repeat a lot) are gzipped above 64 KB, which keeps a
 * 100 KB article's ~400 KB of events in one item.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { parseEvent, type Commit } from '../commit';
import { CommitTooLargeError, ConcurrencyError } from '../errors';
import type { EventStore, Page, StreamSnapshot } from '../ports';
import { EVENTS_TABLE } from '../tables';
import { upcast } from '../upcasters';
import { decodeCursor, encodeCursor } from './cursor';

/** DynamoDB's item limit is 400 KB including attribute names; keep headroom for them. */
export const MAX_COMMIT_BYTES = 380_000;

export interface CommitItem {
  streamId: string;
  version: number;
  articleId: string;
  commitId: string;
  recordedAt: string;
  eventCount: number;
  events?: string;
  eventsGzip?: Uint8Array;
}

const COMPRESS_ABOVE_BYTES = 64 * 1024;

export function commitToItem(commit: Commit): CommitItem {
  const json = JSON.stringify(commit.events);
  const payload = Buffer.byteLength(json) > COMPRESS_ABOVE_BYTES ? { eventsGzip: new Uint8Array(gzipSync(json)) } : { events: json };
  const bytes = (payload.events ? Buffer.byteLength(payload.events) : payload.eventsGzip!.length) + 512;
  if (bytes > MAX_COMMIT_BYTES) throw new CommitTooLargeError(commit.streamId, bytes, MAX_COMMIT_BYTES);
  return {
    streamId: commit.streamId,
    version: commit.version,
    articleId: commit.articleId,
    commitId: commit.commitId,
    recordedAt: commit.recordedAt,
    eventCount: commit.events.length,
    ...payload,
  };
}

export function itemToCommit(item: Record<string, unknown>): Commit {
  const where = `${String(item.streamId)}@${String(item.version)}`;
  const json = item.eventsGzip ? gunzipSync(item.eventsGzip as Uint8Array).toString('utf8') : String(item.events);
  const raw = JSON.parse(json) as unknown[];
  return {
    streamId: String(item.streamId),
    articleId: String(item.articleId),
    version: Number(item.version),
    commitId: String(item.commitId),
    recordedAt: String(item.recordedAt),
    events: raw.map((e) => parseEvent(upcast(e), where)),
  };
}

export class DynamoDbEventStore implements EventStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async appendToStream(commit: Commit): Promise<{ written: boolean }> {
    const item = commitToItem(commit);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': EVENTS_TABLE.partitionKey },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { written: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item ? String(error.Item.commitId?.S) : await this.commitIdAt(commit.streamId, commit.version);
      if (existing === commit.commitId) return { written: false };
      throw new ConcurrencyError(commit.streamId, commit.version - 1);
    }
  }

  async readStream(streamId: string): Promise<StreamSnapshot> {
    const commits: Commit[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :s',
          ExpressionAttributeNames: { '#pk': EVENTS_TABLE.partitionKey },
          ExpressionAttributeValues: { ':s': streamId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      commits.push(...(page.Items ?? []).map(itemToCommit));
      start = page.LastEvaluatedKey;
    } while (start);
    return { version: commits.at(-1)?.version ?? 0, commits };
  }

  async readAll(cursor: string | null, limit = 500): Promise<Page<Commit>> {
    const page = await this.doc.send(
      new ScanCommand({ TableName: this.tableName, Limit: limit, ExclusiveStartKey: decodeCursor(cursor), ConsistentRead: true }),
    );
    return { items: (page.Items ?? []).map(itemToCommit), next: encodeCursor(page.LastEvaluatedKey) };
  }

  private async commitIdAt(streamId: string, version: number): Promise<string | null> {
    const stream = await this.readStream(streamId);
    return stream.commits.find((c) => c.version === version)?.commitId ?? null;
  }
}
