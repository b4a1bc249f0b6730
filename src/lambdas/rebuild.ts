import { logger } from '../observability';
import { runtime } from './runtime';
import { rebuildViews } from '../app/use-cases';

/** Invoked by an operator: recomputes every read model from the event store. */
export const handler = async (): Promise<{ commits: number }> => {
  const { events, views } = runtime();
  const result = await rebuildViews(events, views);
  logger.info('views rebuilt', result);
  return result;
};
