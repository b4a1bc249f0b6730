/**
 * Every port of the application, in one place: the small interfaces the use cases need from the
 * outside world. DynamoDB, S3 and SQS adapters live in src/adapters, with in-memory ones for tests;
 * tests/contracts holds one suite per port that both kinds of adapter pass.
 */
import type { Commit } from '../domain/commit';
import type { Correlation } from '../domain/events';
import type {
  ArticleFacts,
  ArticleInput,
  PreparedArticle,
  RejectedArticle,
  UploadMetadata,
} from '../domain/extractor/types';
import type { Snapshot } from '../domain/projections/project-all';
import type {
  ArticleRecord,
  Contribution,
  GroupRef,
  GroupState,
} from '../domain/projections/model';

export interface StreamSnapshot {
  /** Number of commits in the stream; 0 when it does not exist. */
  version: number;
  commits: Commit[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** One of `of` disjoint parts of a whole-table read (DynamoDB's parallel Scan segments). */
export interface ScanPart {
  segment: number;
  of: number;
}

export interface CommitKey {
  streamId: string;
  version: number;
}

export interface EventStore {
  /**
   * Appends one commit atomically if the stream is at `commit.version - 1`. Appending a commit
   * that is already stored (same commitId) succeeds without writing; a different commit at that
   * version fails with ConcurrencyError.
   */
  appendToStream(commit: Commit): Promise<{ written: boolean }>;
  readStream(streamId: string): Promise<StreamSnapshot>;
  /**
   * Every commit of every stream, a page at a time, in no particular order across streams; with
   * `part`, only that one of `part.of` disjoint parts, so the parts can be read in parallel.
   */
  readAll(cursor: string | null, limit?: number, part?: ScanPart): Promise<Page<Commit>>;
  /** The keys of every commit, the same way: what a catch-up compares with what it has read. */
  readAllKeys(cursor: string | null, limit?: number, part?: ScanPart): Promise<Page<CommitKey>>;
  /** The commit that recorded this uploaded object's receipt; null until ingest has recorded it. */
  findUpload(upload: Correlation): Promise<Commit | null>;
}

export interface StoredObject {
  bytes: Uint8Array;
  contentType: string | null;
  versionId: string | null;
  metadata: UploadMetadata;
}

/** What the bucket holds under one key now. */
export interface KeyState {
  /** False when the key's latest version is a delete marker, or it has none. */
  present: boolean;
  /** Its versions that still hold an object, newest first (null: stored before versioning). */
  versions: (string | null)[];
}

export interface ObjectStore {
  getObject(bucket: string, key: string, versionId?: string | null): Promise<StoredObject>;
  keyState(bucket: string, key: string): Promise<KeyState>;
  putText(bucket: string, key: string, text: string): Promise<void>;
  getText(bucket: string, key: string): Promise<string | null>;
}

/** What the projector needs from the read-model store. Every write is idempotent. */
export interface ProjectionStore {
  getArticle(articleId: string): Promise<ArticleRecord | null>;
  /** Conditional on the article's revision still being `expectedRev` (null: must not exist). */
  putArticle(state: ArticleRecord, expectedRev: number | null): Promise<void>;
  putContributions(contributions: Contribution[]): Promise<void>;
  deleteContributions(keys: GroupRef[]): Promise<void>;
  /** Marks groups as changed so a recomputation that read them earlier cannot overwrite newer data. */
  touchGroups(groups: GroupRef[]): Promise<void>;
  readGroup(group: GroupRef): Promise<{ state: GroupState | null; contributions: Contribution[] }>;
  /** Conditional on the group's revision still being `state.rev`; its index changes with it, atomically. */
  writeGroup(state: GroupState): Promise<void>;
}

/** What a rebuild needs of the version it builds: the whole projected state, written in bulk. */
interface ViewSnapshots {
  /** Writes a whole projected state in bulk, unconditionally; how many items it wrote. */
  writeSnapshot(state: Snapshot): Promise<number>;
}

/** One version of every read model: what the projector, the API and a rebuild use. */
export type ViewVersion = ProjectionStore & ViewReader & ViewSnapshots;

/** A version a rebuild is building beside the live one. */
export interface ViewBuild {
  version: number;
  /**
   * `filling`: the rebuild writes its snapshot and nobody else writes to the version;
   * `catching-up`: the projector applies every commit to it as well as to the live one.
   */
  phase: 'filling' | 'catching-up';
  startedAt: string;
  /** Why the build cannot go live (a projection into it failed); null while it can. */
  failed: string | null;
}

/** Which version readers read, which one a rebuild builds, and the next number to give out. */
export interface ViewPointer {
  /** Raised by every change; a change is conditional on it. */
  rev: number;
  live: number;
  build: ViewBuild | null;
  next: number;
}

/**
 * The read models as numbered versions side by side (version 0 is the one a store had before it
 * had versions) and the pointer naming the live one, changed atomically.
 */
export interface ViewVersions {
  readPointer(): Promise<ViewPointer>;
  /** Replaces the pointer if its revision is still `expectedRev`; false if it had moved. */
  writePointer(next: ViewPointer, expectedRev: number): Promise<boolean>;
  at(version: number): ViewVersion;
  /** Deletes every item of the versions `drop` picks; how many items it deleted. */
  dropVersions(drop: (version: number) => boolean): Promise<number>;
}
/** Inclusive bounds on a list's sort key, and its direction. */
export interface ListRange {
  fromSk?: string;
  toSk?: string;
  descending?: boolean;
}

/** A page of one partition of a view's index: the whole list (`facet` null) or one facet value's. */
export interface EntriesQuery extends ListRange {
  facet: { name: string; value: string } | null;
  cursor: string | null;
  /** Entries read at most. */
  limit: number;
}

/** One entry as a list partition holds it: its sort key there, and the entry. */
export interface ListedEntry {
  sk: string;
  entry: unknown;
}

/** What the API reads. */
export interface ViewReader {
  getArticle(articleId: string): Promise<ArticleRecord | null>;
  /** One partition of a view's index in sort-key order (descending if asked). */
  listEntries(view: string, query: EntriesQuery): Promise<Page<ListedEntry>>;
  /** Newest first, all or those with one outcome; `range` bounds the list sort keys (receivedAt|id). */
  listArticles(
    cursor: string | null,
    limit: number,
    range?: Omit<ListRange, 'descending'>,
    status?: ArticleRecord['view']['status'],
  ): Promise<Page<ArticleRecord>>;
}

/** The message Lambda sends to an on-failure destination for a DynamoDB stream batch. */
export interface StreamFailureMessage {
  requestContext?: { condition?: string; approximateInvokeCount?: number };
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    batchSize: number;
    streamArn: string;
  };
  timestamp?: string;
}

/** The message Lambda sends to an on-failure destination for an asynchronous (S3) invocation. */
export interface AsyncFailureMessage<E = unknown> {
  requestContext?: { condition?: string; approximateInvokeCount?: number };
  requestPayload: E;
  responsePayload?: unknown;
  timestamp?: string;
}

export interface DeadLetter<M> {
  id: string;
  message: M;
}

export interface DeadLetterQueue<M> {
  send(message: M): Promise<void>;
  receive(max: number): Promise<DeadLetter<M>[]>;
  delete(id: string): Promise<void>;
}

export interface StreamRecordReader<R> {
  /** The records of one shard between two sequence numbers, inclusive. */
  read(info: StreamFailureMessage['DDBStreamBatchInfo']): Promise<R[]>;
}

/**
 * The extractor, in its two steps: the cheap preparation and the expensive fact finding. Both
 * are asynchronous so an adapter can run them off the caller's event loop (a worker thread) and
 * end one that exceeds its budget as a too_complex rejection.
 */
export interface Extractor {
  /** Changes whenever what the extractor finds may change. */
  version: string;
  prepare(input: ArticleInput): Promise<PreparedArticle | RejectedArticle>;
  findFacts(article: PreparedArticle): Promise<ArticleFacts>;
}

/** Signs uploads that a browser sends straight to the bucket. */
export interface UploadSigner {
  /**
   * A URL that takes one PUT of exactly `size` bytes to `key` for a while, and the headers that
   * must go with it (they are signed: the content type and the metadata fields).
   */
  presignPut(
    key: string,
    o: { size: number; contentType: string; fields: UploadMetadata; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
}

/** Where an export too large for one API answer is kept, and fetched from by a link. */
export interface ExportStore {
  /** Stores the body and answers a URL that serves it for a while (a presigned GET on S3). */
  save(name: string, body: string, contentType: string): Promise<string>;
}
