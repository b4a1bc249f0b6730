/**
 * The one way a command changes an article's stream: read the stream, fold it into the decider's
 * state, decide, and append what was decided as one commit at the version that was read. A lost
 * race (another writer appended first) is retried from the read, so the decider always decides
 * on the latest state — and says "nothing to do" once the winner has done it.
 */
import { decide, evolve, initialState, type ArticleCommand } from '../domain/article';
import { buildCommit } from '../domain/commit';
import type { NewEvent } from '../domain/events';
import { streamIdOf } from '../domain/ids';
import type { EventStore } from './ports';
import { retrying, RACE_RETRIES, type RetryPolicy } from './retry';

export interface CommandDeps {
  events: EventStore;
  now: () => string;
  retry?: RetryPolicy;
}

export interface Handled {
  /** The events appended; empty when the decider found nothing to do. */
  appended: NewEvent[];
  /** The stream's version before the append. */
  previousVersion: number;
}

export function handleCommand(
  deps: CommandDeps,
  command: ArticleCommand,
  /** Work that must be done before the events become visible (e.g. storing the text they point into). */
  beforeAppend: (events: NewEvent[]) => Promise<void> = async () => undefined,
): Promise<Handled> {
  const streamId = streamIdOf(command.articleId);
  return retrying(async () => {
    const stream = await deps.events.readStream(streamId);
    const state = stream.commits.flatMap((c) => c.events).reduce(evolve, initialState());
    const appended = decide(command, state);
    if (appended.length === 0) return { appended, previousVersion: stream.version };
    await beforeAppend(appended);
    await deps.events.appendToStream(
      buildCommit({
        streamId,
        articleId: command.articleId,
        expectedVersion: stream.version,
        events: appended,
        recordedAt: deps.now(),
      }),
    );
    return { appended, previousVersion: stream.version };
  }, deps.retry ?? RACE_RETRIES);
}
