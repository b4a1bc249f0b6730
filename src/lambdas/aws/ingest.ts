import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { S3ObjectStore } from '../../adapters/s3-object-store';
import { createIngestHandler } from '../ingest';
import { env, ENV, logger, now } from './env';
import { extractor } from './extractor';

export const handler = createIngestHandler({
  events: new DynamoDbEventStore(new DynamoDBClient({ maxAttempts: 6 }), env(ENV.eventsTable)),
  objects: new S3ObjectStore(new S3Client({})),
  extractor,
  now,
  logger,
  metrics: new Metrics(),
});
