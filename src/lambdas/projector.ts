import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  DynamoDBBatchResponse,
} from 'aws-lambda';
import { itemToCommit } from '../adapters/commit-item';
import { logger } from '../observability';
import { projectCommit } from '../app/projector';
import { runtime } from './runtime';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function projectRecord(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const commit = itemToCommit(unmarshall(image as Record<string, AttributeValue>));
  await projectCommit(runtime().views, commit);
}

/**
 * One stream record is one commit. Records are processed one after another (their partition's
 * order), and failures are reported per record so the rest of the batch is not held back.
 */
export const handler = async (
  event: DynamoDBStreamEvent,
  context: Context,
): Promise<DynamoDBBatchResponse> => {
  const response = await processPartialResponse(event, projectRecord, processor, {
    context,
    processInParallel: false,
  });
  if (response.batchItemFailures.length > 0)
    logger.warn('records failed', { failures: response.batchItemFailures });
  return response;
};
