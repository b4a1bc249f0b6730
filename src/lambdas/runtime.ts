/**
 * Composition root shared by every Lambda: builds the AWS clients and adapters once per
 * execution environment. Locally the same code runs with AWS_ENDPOINT_URL_DYNAMODB and
 * AWS_ENDPOINT_URL_S3 pointing at DynamoDB Local and s3rver.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store';
import { DynamoDbViewStore } from '../adapters/dynamodb-view-store';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { ENV, requireEnv } from '../tables';

export interface Runtime {
  events: DynamoDbEventStore;
  views: DynamoDbViewStore;
  objects: S3ObjectStore;
  bucket: string;
  dynamo: DynamoDBClient;
}

let cached: { key: string; runtime: Runtime } | undefined;

/**
 * Built once per execution environment; rebuilt only if the environment it was built from has
 * changed (the local tests start several stacks, each on its own ports, in one process).
 */
export function runtime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const key = [
    env.AWS_ENDPOINT_URL_DYNAMODB,
    env.AWS_ENDPOINT_URL_S3,
    env[ENV.eventsTable],
    env[ENV.viewsTable],
    env[ENV.bucket],
  ].join('|');
  if (cached?.key === key) return cached.runtime;
  const dynamo = new DynamoDBClient({ maxAttempts: 6 });
  const s3 = new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) });
  const built: Runtime = {
    dynamo,
    events: new DynamoDbEventStore(dynamo, requireEnv(ENV.eventsTable, env)),
    views: new DynamoDbViewStore(dynamo, requireEnv(ENV.viewsTable, env)),
    objects: new S3ObjectStore(s3),
    bucket: requireEnv(ENV.bucket, env),
  };
  cached = { key, runtime: built };
  return built;
}
