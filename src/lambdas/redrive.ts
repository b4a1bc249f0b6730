import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, DynamoDBRecord, S3Event } from 'aws-lambda';
import type {
  AsyncFailureMessage,
  DeadLetterQueue,
  StreamFailureMessage,
  StreamRecordReader,
} from '../app/ports';
import { redrive, redriveIngest, type RedriveSummary } from '../app/redrive';
import { decodeS3Key } from '../adapters/s3-keys';
import type { IngestHandler } from './ingest';
import type { ProjectorHandler } from './projector';

export interface RedriveHandlerDeps {
  uploads: DeadLetterQueue<AsyncFailureMessage<S3Event>>;
  records: DeadLetterQueue<StreamFailureMessage>;
  stream: StreamRecordReader<DynamoDBRecord>;
  /** The very handlers the dead letters failed in. */
  ingest: IngestHandler;
  projector: ProjectorHandler;
  logger: Logger;
}

export interface RedriveResult {
  ingest: RedriveSummary;
  projector: RedriveSummary;
}

/**
 * Invoked by an operator after a fix: ingests again the uploads that exhausted their retries,
 * then projects again what landed in the projector's dead-letter queue.
 */
export function createRedriveHandler(deps: RedriveHandlerDeps) {
  return async (_event: unknown, context: Context): Promise<RedriveResult> => {
    const ingested = await redriveIngest(
      deps.uploads,
      (event) => deps.ingest(event, context),
      describeUpload,
    );
    const projected = await redrive(deps.records, deps.stream, async (batch) => {
      const response = await deps.projector({ Records: batch }, context);
      return response.batchItemFailures.map((f) => f.itemIdentifier);
    });
    deps.logger.info('redrive finished', { ingest: ingested, projector: projected });
    return { ingest: ingested, projector: projected };
  };
}

/** The objects an S3 event names, as an operator reads them. */
const describeUpload = (event: S3Event): string =>
  event.Records.map((r) => `s3://${r.s3.bucket.name}/${decodeS3Key(r.s3.object.key)}`).join(', ');
