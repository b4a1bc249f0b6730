import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbViewVersions } from '../../adapters/dynamodb-view-versions';
import { createProjectorHandler } from '../projector';
import { env, ENV, logger } from './env';

export const handler = createProjectorHandler({
  versions: new DynamoDbViewVersions(new DynamoDBClient({ maxAttempts: 6 }), env(ENV.viewsTable)),
  logger,
});
