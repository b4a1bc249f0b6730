import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Event } from 'aws-lambda';
import { EXTRACTOR_VERSION, extractArticle } from '../domain/extractor';
import { logger, metrics } from '../observability';
import { runtime } from './runtime';
import { decodeS3Key } from '../adapters/s3-keys';
import { ARTICLES_PREFIX } from '../tables';
import { ingestObject, type IngestResult } from '../app/use-cases';

/**
 * S3 ObjectCreated → extract → one conditional append per article. Every record is attempted;
 * if any failed the invocation fails so S3's retry (and then the on-failure destination) takes
 * over, which is safe because ingesting an object twice appends nothing.
 */
export const handler = async (event: S3Event): Promise<IngestResult[]> => {
  const { events, objects } = runtime();
  const results: IngestResult[] = [];
  const failures: unknown[] = [];
  for (const record of event.Records) {
    const ref = {
      bucket: record.s3.bucket.name,
      key: decodeS3Key(record.s3.object.key),
      versionId: record.s3.object.versionId ?? null,
    };
    if (!ref.key.startsWith(ARTICLES_PREFIX)) continue;
    try {
      const result = await ingestObject(
        { events, objects, extract: extractArticle, now: () => new Date().toISOString() },
        ref,
      );
      results.push(result);
      logger.info('article ingested', { ...result, extractorVersion: EXTRACTOR_VERSION });
      metrics.addMetric(`Articles_${result.outcome}`, MetricUnit.Count, 1);
    } catch (error) {
      logger.error('ingest failed', { key: ref.key, error: error as Error });
      metrics.addMetric('Articles_failed', MetricUnit.Count, 1);
      failures.push(error);
    }
  }
  if (results.length + failures.length > 0) metrics.publishStoredMetrics();
  if (failures.length > 0)
    throw new AggregateError(
      failures,
      `${failures.length} of ${event.Records.length} objects failed to ingest`,
    );
  return results;
};
