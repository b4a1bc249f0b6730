import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { DynamoDbStreamReader } from '../shared/adapters/dynamodb-stream-reader';
import { SqsDeadLetterQueue } from '../shared/adapters/sqs-dead-letter-queue';
import { logger } from '../shared/logger';
import { redrive, type RedriveSummary } from '../shared/redrive';
import { ENV, requireEnv } from '../shared/tables';
import { handler as projector } from './projector';

/** Invoked by an operator after a fix: projects again what landed in the projector's dead-letter queue. */
export const handler = async (_event: unknown, context: Context): Promise<RedriveSummary> => {
  const queue = new SqsDeadLetterQueue(new SQSClient({}), requireEnv(ENV.deadLetterQueueUrl));
  const summary = await redrive(queue, new DynamoDbStreamReader(new DynamoDBStreamsClient({})), async (records) => {
    const response = await projector({ Records: records }, context);
    return response.batchItemFailures.map((f) => f.itemIdentifier);
  });
  logger.info('redrive finished', { ...summary });
  return summary;
};
