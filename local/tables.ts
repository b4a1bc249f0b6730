/**
 * Creates the local tables with the same keys, index and stream as the CDK stack, from the same
 * definitions in src/tables.ts.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { EVENTS_TABLE, VIEWS_TABLE } from '../src/tables';

export function eventsTableDefinition(tableName: string): CreateTableCommandInput {
  const uploads = EVENTS_TABLE.uploadIndex;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: EVENTS_TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: EVENTS_TABLE.sortKey, AttributeType: 'N' },
      { AttributeName: uploads.partitionKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: EVENTS_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: EVENTS_TABLE.sortKey, KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    GlobalSecondaryIndexes: [
      {
        IndexName: uploads.name,
        KeySchema: [{ AttributeName: uploads.partitionKey, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

export function viewsTableDefinition(tableName: string): CreateTableCommandInput {
  const index = VIEWS_TABLE.listIndex;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: VIEWS_TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: VIEWS_TABLE.sortKey, AttributeType: 'S' },
      { AttributeName: index.partitionKey, AttributeType: 'S' },
      { AttributeName: index.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: VIEWS_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: VIEWS_TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/**
 * Creates the table, or adds the indexes a table made by an older version lacks (as a deployment
 * adds them on AWS), so data kept in .local/ goes on working.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
): Promise<void> {
  let existing: string[];
  try {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: definition.TableName }),
    );
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName!);
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(definition));
    return;
  }
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    if (existing.includes(index.IndexName!)) continue;
    const names = new Set(index.KeySchema!.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: definition.TableName,
        AttributeDefinitions: definition.AttributeDefinitions!.filter((a) =>
          names.has(a.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            },
          },
        ],
      }),
    );
  }
}
