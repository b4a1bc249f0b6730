import { extractArticle } from '../domain/extractor';
import { logger } from '../observability';
import { runtime } from './runtime';
import { reextractAll, type ReextractSummary } from '../app/use-cases';

/** Invoked by an operator after an extractor upgrade: appends superseding extractions. */
export const handler = async (): Promise<ReextractSummary> => {
  const { events, objects } = runtime();
  const summary = await reextractAll({
    events,
    objects,
    extract: extractArticle,
    now: () => new Date().toISOString(),
  });
  logger.info('re-extraction finished', { ...summary });
  return summary;
};
