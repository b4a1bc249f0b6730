import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbViewStore } from '../../adapters/dynamodb-view-store';
import { createProjectorHandler } from '../projector';
import { env, ENV, logger } from './env';

export const handler = createProjectorHandler({
  views: new DynamoDbViewStore(new DynamoDBClient({ maxAttempts: 6 }), env(ENV.viewsTable)),
  logger,
});
