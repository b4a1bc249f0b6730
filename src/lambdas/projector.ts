/**
 * One stream record is one commit. Records are processed one after another (their partition's
 * order), and failures are reported per record so the rest of the batch is not held back.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { itemToCommit } from '../adapters/commit-item';
import type { ViewVersions } from '../app/ports';
import { projectToViews } from '../app/projector';

export interface ProjectorHandlerDeps {
  versions: ViewVersions;
  logger: Logger;
}

export type ProjectorHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse>;

export function createProjectorHandler(deps: ProjectorHandlerDeps): ProjectorHandler {
  const { versions, logger } = deps;
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const projectRecord = async (record: DynamoDBRecord): Promise<void> => {
    const image = record.dynamodb?.NewImage;
    if (!image) return;
    const commit = itemToCommit(unmarshall(image as Record<string, AttributeValue>));
    logger.appendKeys({ streamId: commit.streamId, commitVersion: commit.version });
    try {
      await projectToViews(versions, commit);
    } finally {
      logger.removeKeys(['streamId', 'commitVersion']);
    }
  };
  return async (event, context) => {
    logger.addContext(context);
    // Every record failing is reported like any partial failure, not thrown: Lambda retries
    // the batch the same way, and a caller such as redrive gets each record's outcome.
    const response = await processPartialResponse(event, projectRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
    if (response.batchItemFailures.length > 0)
      logger.warn('records failed', { failures: response.batchItemFailures });
    return response;
  };
}
