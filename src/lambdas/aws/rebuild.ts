import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { DynamoDbViewVersions } from '../../adapters/dynamodb-view-versions';
import { createRebuildHandler } from '../rebuild';
import { env, ENV, logger, now } from './env';

const dynamo = new DynamoDBClient({ maxAttempts: 6 });

export const handler = createRebuildHandler({
  events: new DynamoDbEventStore(dynamo, env(ENV.eventsTable)),
  versions: new DynamoDbViewVersions(dynamo, env(ENV.viewsTable)),
  logger,
  now,
});
