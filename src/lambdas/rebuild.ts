import type { Logger } from '@aws-lambda-powertools/logger';
import { rebuildViews, type RebuildResult } from '../app/rebuild';
import type { EventStore, ViewVersions } from '../app/ports';

/**
 * Invoked by an operator: recomputes every read model from the event store into a new version,
 * makes it live, and drops the old one; each step is logged as it ends.
 */
export function createRebuildHandler(deps: {
  events: EventStore;
  versions: ViewVersions;
  logger: Logger;
  now: () => string;
}) {
  const { logger, ...rest } = deps;
  return async (): Promise<RebuildResult> => {
    const result = await rebuildViews({
      ...rest,
      progress: (p) => logger.info(`rebuild: ${p.step}`, { ...p }),
    });
    logger.info('views rebuilt', { ...result });
    return result;
  };
}
