/**
 * The one way a command changes an article's stream: read the stream, fold it into the decider's
 * state, decide, and append what was decided as one commit at the version that was read. A lost
 * race (another writer appended first) is retried from the read, so the decider always decides
 * on the latest state — and says "nothing to do" once the winner has done it.
 *
 * The decider is pure and synchronous; fact finding is neither (it runs off the event loop, see
 * ports.ts). So the decision is first probed with no facts to learn which articles it wants facts
 * of — none when there is nothing to extract, as for a redelivered upload — those are found, and
 * the decision is made again with them.
 */
import { decide, evolve, initialState, type ArticleCommand } from '../domain/article';
import { buildCommit } from '../domain/commit';
import type { NewEvent } from '../domain/events';
import type { ArticleFacts, PreparedArticle } from '../domain/extractor/types';
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

/** Facts of an article, found however the caller finds them (in a worker, in a test). */
export type FactSource = (article: PreparedArticle) => Promise<ArticleFacts>;

/** A command as the application issues it: the decider's fact finding is supplied here. */
export type Command = ArticleCommand extends infer C
  ? C extends ArticleCommand
    ? Omit<C, 'findFacts'>
    : never
  : never;

const NO_FACTS: ArticleFacts = { aidFlows: [], caseCounts: [], timeline: [] };
/** Facts depend on the text (the same for every command on one article) and on the article's dates. */
const factsKey = (a: PreparedArticle) => JSON.stringify([a.title, a.publishedAt]);

async function decideWithFacts(
  command: Command,
  state: ReturnType<typeof initialState>,
  facts: FactSource,
  found: Map<string, ArticleFacts>,
): Promise<NewEvent[]> {
  const wanted: PreparedArticle[] = [];
  const probed = decide(
    {
      ...command,
      findFacts: (a: PreparedArticle) => found.get(factsKey(a)) ?? (wanted.push(a), NO_FACTS),
    } as ArticleCommand,
    state,
  );
  if (wanted.length === 0) return probed;
  for (const article of wanted) found.set(factsKey(article), await facts(article));
  return decideWithFacts(command, state, facts, found);
}

export function handleCommand(
  deps: CommandDeps,
  command: Command,
  facts: FactSource,
  /** Work that must be done before the events become visible (e.g. storing the text they point into). */
  beforeAppend: (events: NewEvent[]) => Promise<void> = async () => undefined,
): Promise<Handled> {
  const streamId = streamIdOf(command.articleId);
  const found = new Map<string, ArticleFacts>();
  return retrying(async () => {
    const stream = await deps.events.readStream(streamId);
    const state = stream.commits.flatMap((c) => c.events).reduce(evolve, initialState());
    const appended = await decideWithFacts(command, state, facts, found);
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
