import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { DynamoDbViewStore } from '../../adapters/dynamodb-view-store';
import { S3ExportStore } from '../../adapters/s3-exports';
import { S3ObjectStore } from '../../adapters/s3-object-store';
import { createApiHandler } from '../api';
import { env, ENV, logger } from './env';

const dynamo = new DynamoDBClient({ maxAttempts: 3 });
const s3 = new S3Client({});

export const handler = createApiHandler({
  views: new DynamoDbViewStore(dynamo, env(ENV.viewsTable)),
  events: new DynamoDbEventStore(dynamo, env(ENV.eventsTable)),
  objects: new S3ObjectStore(s3),
  exports: new S3ExportStore(s3, env(ENV.bucket)),
  bucket: env(ENV.bucket),
  logger,
});
