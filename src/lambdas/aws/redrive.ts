import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { DynamoDbStreamReader } from '../../adapters/dynamodb-stream-reader';
import { DynamoDbViewVersions } from '../../adapters/dynamodb-view-versions';
import { S3ObjectStore } from '../../adapters/s3-object-store';
import { SqsDeadLetterQueue } from '../../adapters/sqs-dead-letter-queue';
import { createIngestHandler } from '../ingest';
import { createProjectorHandler } from '../projector';
import { createRedriveHandler } from '../redrive';
import { env, ENV, logger, now } from './env';
import { extractor } from './extractor';

const dynamo = new DynamoDBClient({ maxAttempts: 6 });
const sqs = new SQSClient({});

export const handler = createRedriveHandler({
  uploads: new SqsDeadLetterQueue(sqs, env(ENV.ingestDeadLetterQueueUrl)),
  records: new SqsDeadLetterQueue(sqs, env(ENV.deadLetterQueueUrl)),
  stream: new DynamoDbStreamReader(new DynamoDBStreamsClient({})),
  ingest: createIngestHandler({
    events: new DynamoDbEventStore(dynamo, env(ENV.eventsTable)),
    objects: new S3ObjectStore(new S3Client({})),
    extractor,
    now,
    logger,
  }),
  projector: createProjectorHandler({
    versions: new DynamoDbViewVersions(dynamo, env(ENV.viewsTable)),
    logger,
  }),
  logger,
});
