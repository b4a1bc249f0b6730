/**
 * The versions of the read models in the one views table, and the pointer to the live one: an
 * item of its own (`#POINTER`) that every reader and projector reads and that changes only by a
 * put conditional on its revision, so switching readers from one version to another is a single
 * atomic write. Why versions in one table rather than a table per version: the table, its index,
 * its encryption and its alarms stay the stack's (CDK-managed, least-privilege grants on one ARN),
 * at the price of dropping an old version item by item instead of deleting a table.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ViewBuild, ViewPointer, ViewVersion, ViewVersions } from '../app/ports';
import { batchWriteAll, scanAll } from './dynamodb-batch';
import { DynamoDbViewStore, versionOfKey } from './dynamodb-view-store';

const POINTER_KEY = { pk: '#POINTER', sk: '#POINTER' } as const;

/** A table that never had a pointer: version 0 is live, nothing is being built. */
const INITIAL_POINTER: ViewPointer = { rev: 0, live: 0, build: null, next: 1 };

/** Segments a drop scans in parallel (as many as a rebuild reads the events table in). */
const DROP_SEGMENTS = 32;

export class DynamoDbViewVersions implements ViewVersions {
  private readonly doc: DynamoDBDocumentClient;
  private readonly stores = new Map<number, DynamoDbViewStore>();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  async readPointer(): Promise<ViewPointer> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: POINTER_KEY, ConsistentRead: true }),
    );
    if (!Item) return INITIAL_POINTER;
    return {
      rev: Number(Item.rev),
      live: Number(Item.live),
      next: Number(Item.next),
      build: Item.build ? (JSON.parse(String(Item.build)) as ViewBuild) : null,
    };
  }

  async writePointer(next: ViewPointer, expectedRev: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...POINTER_KEY,
            rev: next.rev,
            live: next.live,
            next: next.next,
            build: next.build ? JSON.stringify(next.build) : undefined,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR rev = :rev',
          ExpressionAttributeValues: { ':rev': expectedRev },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  at(version: number): ViewVersion {
    let store = this.stores.get(version);
    if (!store) {
      store = new DynamoDbViewStore(this.client, this.tableName, version);
      this.stores.set(version, store);
    }
    return store;
  }

  async dropVersions(drop: (version: number) => boolean): Promise<number> {
    let dropped = 0;
    await scanAll(
      this.doc,
      { TableName: this.tableName, ProjectionExpression: 'pk, sk' },
      DROP_SEGMENTS,
      async (items) => {
        const doomed = items.filter(
          (i) => i.pk !== POINTER_KEY.pk && drop(versionOfKey(String(i.pk))),
        );
        await batchWriteAll(
          this.doc,
          this.tableName,
          doomed.map((Key) => ({ DeleteRequest: { Key } })),
        );
        dropped += doomed.length;
      },
    );
    return dropped;
  }
}
