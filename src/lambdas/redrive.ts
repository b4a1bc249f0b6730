import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, S3Event } from 'aws-lambda';
import { DynamoDbStreamReader } from '../adapters/dynamodb-stream-reader';
import { SqsDeadLetterQueue } from '../adapters/sqs-dead-letter-queue';
import { logger } from '../observability';
import {
  redrive,
  redriveIngest,
  type AsyncFailureMessage,
  type RedriveSummary,
} from '../app/redrive';
import { ENV, requireEnv } from '../tables';
import { handler as ingest } from './ingest';
import { handler as projector } from './projector';

const sqs = new SQSClient({});

/**
 * Invoked by an operator after a fix: ingests again the uploads that exhausted their retries,
 * then projects again what landed in the projector's dead-letter queue.
 */
export const handler = async (
  _event: unknown,
  context: Context,
): Promise<{ ingest: RedriveSummary; projector: RedriveSummary }> => {
  const uploads = new SqsDeadLetterQueue<AsyncFailureMessage<S3Event>>(
    sqs,
    requireEnv(ENV.ingestDeadLetterQueueUrl),
  );
  const ingested = await redriveIngest(uploads, ingest);
  const records = new SqsDeadLetterQueue(sqs, requireEnv(ENV.deadLetterQueueUrl));
  const projected = await redrive(
    records,
    new DynamoDbStreamReader(new DynamoDBStreamsClient({})),
    async (batch) => {
      const response = await projector({ Records: batch }, context);
      return response.batchItemFailures.map((f) => f.itemIdentifier);
    },
  );
  logger.info('redrive finished', { ingest: ingested, projector: projected });
  return { ingest: ingested, projector: projected };
};
