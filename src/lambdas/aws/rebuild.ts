import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { DynamoDbViewStore } from '../../adapters/dynamodb-view-store';
import { createRebuildHandler } from '../rebuild';
import { env, ENV, logger } from './env';

const dynamo = new DynamoDBClient({ maxAttempts: 6 });

export const handler = createRebuildHandler({
  events: new DynamoDbEventStore(dynamo, env(ENV.eventsTable)),
  views: new DynamoDbViewStore(dynamo, env(ENV.viewsTable)),
  logger,
});
