/**
 * The port contracts, run against the adapters the Lambdas use, on DynamoDB Local and the local
 * S3 server. Each view-store run gets tables of its own so the shared stack's views stay untouched.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { ensureTable, eventsTableDefinition, viewsTableDefinition } from '../../local/tables';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { DynamoDbViewStore } from '../../src/adapters/dynamodb-view-store';
import { DynamoDbViewVersions } from '../../src/adapters/dynamodb-view-versions';
import { S3ObjectStore } from '../../src/adapters/s3-object-store';
import { eventStoreContract } from '../contracts/event-store.contract';
import { objectStoreContract } from '../contracts/object-store.contract';
import { viewStoreContract } from '../contracts/view-store.contract';
import { viewVersionsContract } from '../contracts/view-versions.contract';
import { clientsFor } from '../support/clients';

const stack = inject('stack');
const { dynamo, s3 } = clientsFor(stack);
let tables = 0;
const freshTable = async (define: typeof eventsTableDefinition) => {
  const name = `contract-${process.pid}-${Date.now()}-${tables++}`;
  await ensureTable(dynamo, define(name));
  return name;
};

eventStoreContract(
  'DynamoDB Local',
  async () => new DynamoDbEventStore(dynamo, await freshTable(eventsTableDefinition)),
);
viewStoreContract(
  'DynamoDB Local',
  async () => new DynamoDbViewStore(dynamo, await freshTable(viewsTableDefinition)),
);
viewStoreContract(
  'DynamoDB Local, a version beside others',
  async () => new DynamoDbViewStore(dynamo, await freshTable(viewsTableDefinition), 7),
);
viewVersionsContract(
  'DynamoDB Local',
  async () => new DynamoDbViewVersions(dynamo, await freshTable(viewsTableDefinition)),
);
objectStoreContract('local S3 server', async () => ({
  store: new S3ObjectStore(s3),
  bucket: stack.bucket,
  async upload(key, body, metadata) {
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: key,
        Body: body,
        Metadata: metadata,
        ContentType: 'text/plain',
      }),
    );
  },
}));
