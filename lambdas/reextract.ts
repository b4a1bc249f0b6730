import { extractArticle } from '../shared/extractor';
import { logger } from '../shared/logger';
import { runtime } from '../shared/runtime';
import { reextractAll, type ReextractSummary } from '../shared/use-cases';

/** Invoked by an operator after an extractor upgrade: appends superseding extractions. */
export const handler = async (): Promise<ReextractSummary> => {
  const { events, objects } = runtime();
  const summary = await reextractAll({ events, objects, extract: extractArticle, now: () => new Date().toISOString() });
  logger.info('re-extraction finished', { ...summary });
  return summary;
};
