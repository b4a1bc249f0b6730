import type { Logger } from '@aws-lambda-powertools/logger';
import { rebuildViews } from '../app/rebuild';
import type { EventStore, ViewSnapshots } from '../app/ports';

/** Invoked by an operator: recomputes every read model from the event store. */
export function createRebuildHandler(deps: {
  events: EventStore;
  views: ViewSnapshots;
  logger: Logger;
}) {
  return async (): Promise<{ commits: number; events: number }> => {
    const result = await rebuildViews(deps.events, deps.views);
    deps.logger.info('views rebuilt', result);
    return result;
  };
}
