import type { Logger } from '@aws-lambda-powertools/logger';
import type { IngestDeps } from '../app/ingest';
import { reextractAll, type ReextractSummary } from '../app/reextract';

/** Invoked by an operator after an extractor change: appends superseding extractions. */
export function createReextractHandler(deps: IngestDeps & { logger: Logger }) {
  return async (): Promise<ReextractSummary> => {
    const summary = await reextractAll(deps);
    deps.logger.info('re-extraction finished', { ...summary });
    return summary;
  };
}
