/**
 * S3 ObjectCreated → prepare → decide → one conditional append per article; S3 ObjectRemoved →
 * the articles under that key told the key no longer holds them. Every record is
 * attempted; if any failed the invocation fails so S3's retry (and then the on-failure
 * destination) takes over, which is safe because ingesting an object twice appends nothing.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, S3Event } from 'aws-lambda';
import { decodeS3Key } from '../adapters/s3-keys';
import { ingestObject, reconcileKey, type IngestDeps, type IngestResult } from '../app/ingest';
import { ARTICLES_PREFIX } from '../tables';

export interface IngestHandlerDeps extends IngestDeps {
  logger: Logger;
  /** Absent where nothing collects metrics (the local stack). */
  metrics?: Metrics;
}

export type IngestHandler = (event: S3Event, context?: Context) => Promise<IngestResult[]>;

export function createIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  const { logger, metrics } = deps;
  return async (event, context) => {
    if (context) logger.addContext(context);
    const results: IngestResult[] = [];
    const failures: unknown[] = [];
    for (const record of event.Records) {
      const ref = {
        bucket: record.s3.bucket.name,
        key: decodeS3Key(record.s3.object.key),
        versionId: record.s3.object.versionId ?? null,
      };
      if (!ref.key.startsWith(ARTICLES_PREFIX)) continue;
      logger.appendKeys({ objectKey: ref.key });
      try {
        // A removal names no article: the key's stored versions say which ones it concerns.
        const outcome = record.eventName.startsWith('ObjectRemoved')
          ? await reconcileKey(deps, ref)
          : [await ingestObject(deps, ref)];
        for (const result of outcome) {
          results.push(result);
          logger.info('article ingested', { ...result, extractorVersion: deps.extractor.version });
          metrics?.addMetric(`Articles_${result.outcome}`, MetricUnit.Count, 1);
        }
      } catch (error) {
        logger.error('ingest failed', { error: error as Error });
        metrics?.addMetric('Articles_failed', MetricUnit.Count, 1);
        failures.push(error);
      } finally {
        logger.removeKeys(['objectKey']);
      }
    }
    if (results.length + failures.length > 0) metrics?.publishStoredMetrics();
    if (failures.length > 0)
      throw new AggregateError(
        failures,
        `${failures.length} of ${event.Records.length} objects failed to ingest`,
      );
    return results;
  };
}
