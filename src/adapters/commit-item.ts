/**
 * A commit as one DynamoDB item, shared by the store, the stream reader and the in-memory store so
 * all meet the same limits. A long article's events (its evidence sentences repeat a lot) are
 * gzipped above 64 KB, which keeps a 100 KB article's ~400 KB of events in one item; a commit still
 * too large is refused with a typed error rather than split, as an extraction must stay atomic.
 * Pure: no AWS SDK, so the Lambdas and the tests can use it without a client.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseEvent, type Commit } from '../domain/commit';
import { CommitTooLargeError } from '../domain/errors';
import type { Correlation } from '../domain/events';
import { upcast } from '../domain/upcasters';

/** DynamoDB's item limit is 400 KB including attribute names; keep headroom for them. */
export const MAX_COMMIT_BYTES = 380_000;

export interface CommitItem {
  streamId: string;
  version: number;
  articleId: string;
  commitId: string;
  recordedAt: string;
  eventCount: number;
  /** The upload this commit received, as the byUpload index keys it; absent on other commits. */
  upload?: string;
  events?: string;
  eventsGzip?: Uint8Array;
}

const COMPRESS_ABOVE_BYTES = 64 * 1024;

/** An uploaded object as the byUpload index keys it. */
export const uploadKeyOf = (c: Correlation): string =>
  [c.bucket, c.key, c.versionId ?? ''].join('\u001f');

export function commitToItem(commit: Commit): CommitItem {
  const json = JSON.stringify(commit.events);
  const payload =
    Buffer.byteLength(json) > COMPRESS_ABOVE_BYTES
      ? { eventsGzip: new Uint8Array(gzipSync(json)) }
      : { events: json };
  const bytes =
    (payload.events ? Buffer.byteLength(payload.events) : payload.eventsGzip!.length) + 512;
  if (bytes > MAX_COMMIT_BYTES)
    throw new CommitTooLargeError(commit.streamId, bytes, MAX_COMMIT_BYTES);
  const received = commit.events.find((e) => e.type === 'ArticleReceived');
  return {
    streamId: commit.streamId,
    version: commit.version,
    articleId: commit.articleId,
    commitId: commit.commitId,
    recordedAt: commit.recordedAt,
    eventCount: commit.events.length,
    ...(received ? { upload: uploadKeyOf(received.correlation) } : {}),
    ...payload,
  };
}

export function itemToCommit(item: Record<string, unknown>): Commit {
  const where = `${String(item.streamId)}@${String(item.version)}`;
  const json = item.eventsGzip
    ? gunzipSync(item.eventsGzip as Uint8Array).toString('utf8')
    : String(item.events);
  const raw = JSON.parse(json) as unknown[];
  return {
    streamId: String(item.streamId),
    articleId: String(item.articleId),
    version: Number(item.version),
    commitId: String(item.commitId),
    recordedAt: String(item.recordedAt),
    events: raw.map((e) => parseEvent(upcast(e), where)),
  };
}
