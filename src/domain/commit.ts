import { ledgerEventSchema, type LedgerEvent, type NewEvent } from './events';
import { InvalidEventError } from './errors';
import { eventIdOf, sha256 } from './ids';

/** One atomic append: the unit the store writes, the stream delivers and the projector applies. */
export interface Commit {
  streamId: string;
  articleId: string;
  /** 1-based position of this commit in its stream; expected version + 1. */
  version: number;
  /** Content hash of the decision, so a redelivered append of the same commit is recognised. */
  commitId: string;
  recordedAt: string;
  events: LedgerEvent[];
}

/** Gives proposed events their place in the stream and validates them before anything is written. */
export function buildCommit(args: {
  streamId: string;
  articleId: string;
  expectedVersion: number;
  events: NewEvent[];
  recordedAt: string;
}): Commit {
  const version = args.expectedVersion + 1;
  const commitId = sha256(`${args.streamId}/${version}/${JSON.stringify(args.events)}`).slice(
    0,
    32,
  );
  const events = args.events.map((e, index) =>
    parseEvent(
      {
        ...e,
        eventId: eventIdOf(args.streamId, version, index),
        streamId: args.streamId,
        articleId: args.articleId,
        version,
        index,
        recordedAt: args.recordedAt,
      },
      `${args.streamId}@${version}`,
    ),
  );
  return {
    streamId: args.streamId,
    articleId: args.articleId,
    version,
    commitId,
    recordedAt: args.recordedAt,
    events,
  };
}

export function parseEvent(raw: unknown, where: string): LedgerEvent {
  const parsed = ledgerEventSchema().safeParse(raw);
  if (!parsed.success) {
    throw new InvalidEventError(
      where,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
