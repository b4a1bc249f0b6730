/**
 * Event store on DynamoDB: one stream per article, one item per commit (partition key the stream,
 * sort key the commit's version), the commit's events as one JSON document.
 *
 * Why one commit item rather than one item per event written with TransactWriteItems: a single
 * conditional PutItem is atomic on its own, costs one write instead of a two-phase transaction
 * (TransactWriteItems bills twice the capacity and is capped at 100 actions), and gives the
 * projector one stream record per commit, so it never sees half an extraction. bench/store.ts
 * measures both; the price is the 400 KB item limit, which the codec in commit-item.ts guards.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type QueryCommandOutput,
  type ScanCommandInput,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Commit } from '../domain/commit';
import { ConcurrencyError } from '../domain/errors';
import type { Correlation } from '../domain/events';
import type { CommitKey, EventStore, Page, ScanPart, StreamSnapshot } from '../app/ports';
import { EVENTS_TABLE } from '../tables';
import { commitToItem, itemToCommit, uploadKeyOf } from './commit-item';
import { decodeCursor, encodeCursor } from './cursor';

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
      const existing = error.Item
        ? String(error.Item.commitId?.S)
        : await this.commitIdAt(commit.streamId, commit.version);
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

  async readAll(cursor: string | null, limit = 500, part?: ScanPart): Promise<Page<Commit>> {
    const page = await this.scan(cursor, limit, part);
    return {
      items: (page.Items ?? []).map(itemToCommit),
      next: encodeCursor(page.LastEvaluatedKey),
    };
  }

  async readAllKeys(cursor: string | null, limit = 500, part?: ScanPart): Promise<Page<CommitKey>> {
    const page = await this.scan(cursor, limit, part, {
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { '#pk': EVENTS_TABLE.partitionKey, '#sk': EVENTS_TABLE.sortKey },
    });
    return {
      items: (page.Items ?? []).map((i) => ({
        streamId: String(i[EVENTS_TABLE.partitionKey]),
        version: Number(i[EVENTS_TABLE.sortKey]),
      })),
      next: encodeCursor(page.LastEvaluatedKey),
    };
  }

  /** A consistent Scan page, of one segment when a part is asked for. */
  private scan(
    cursor: string | null,
    limit: number,
    part: ScanPart | undefined,
    projection: Pick<ScanCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> = {},
  ): Promise<ScanCommandOutput> {
    return this.doc.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
        ConsistentRead: true,
        ...(part && part.of > 1 ? { Segment: part.segment, TotalSegments: part.of } : {}),
        ...projection,
      }),
    );
  }

  /** Two Queries: the index names the commit, its stream holds it (the index keeps only keys). */
  async findUpload(upload: Correlation): Promise<Commit | null> {
    const index = EVENTS_TABLE.uploadIndex;
    const { Items: [hit] = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#u = :u',
        ExpressionAttributeNames: { '#u': index.partitionKey },
        ExpressionAttributeValues: { ':u': uploadKeyOf(upload) },
        Limit: 1,
      }),
    );
    if (!hit) return null;
    const { Items: [item] = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :s AND #sk = :v',
        ExpressionAttributeNames: {
          '#pk': EVENTS_TABLE.partitionKey,
          '#sk': EVENTS_TABLE.sortKey,
        },
        ExpressionAttributeValues: {
          ':s': hit[EVENTS_TABLE.partitionKey],
          ':v': hit[EVENTS_TABLE.sortKey],
        },
        ConsistentRead: true,
      }),
    );
    return item ? itemToCommit(item) : null;
  }

  private async commitIdAt(streamId: string, version: number): Promise<string | null> {
    const stream = await this.readStream(streamId);
    return stream.commits.find((c) => c.version === version)?.commitId ?? null;
  }
}
