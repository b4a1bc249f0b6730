/**
 * The small interfaces the domain core needs from the outside world. Adapters for DynamoDB and
 * S3 live in src/adapters; in-memory ones back the unit and property tests.
 */
import type { Commit } from '../domain/commit';
import type { UploadMetadata } from '../domain/extractor/types';
import type {
  ArticleView,
  Contribution,
  GroupRef,
  GroupState,
  ViewName,
} from '../domain/projections/model';
import type { ProjectedState } from '../domain/projections/project-all';

export interface StreamSnapshot {
  /** Number of commits in the stream; 0 when it does not exist. */
  version: number;
  commits: Commit[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface EventStore {
  /**
   * Appends one commit atomically if the stream is at `commit.version - 1`. Appending a commit
   * that is already stored (same commitId) succeeds without writing; a different commit at that
   * version fails with ConcurrencyError.
   */
  appendToStream(commit: Commit): Promise<{ written: boolean }>;
  readStream(streamId: string): Promise<StreamSnapshot>;
  /** Every commit of every stream, a page at a time, in no particular order across streams. */
  readAll(cursor: string | null, limit?: number): Promise<Page<Commit>>;
}

export interface StoredObject {
  bytes: Uint8Array;
  contentType: string | null;
  versionId: string | null;
  metadata: UploadMetadata;
}

export interface ObjectStore {
  getObject(bucket: string, key: string, versionId?: string | null): Promise<StoredObject>;
  putText(bucket: string, key: string, text: string): Promise<void>;
  getText(bucket: string, key: string): Promise<string | null>;
}

/** What the projector needs from the read-model store. Every write is idempotent. */
export interface ViewStore {
  getArticle(articleId: string): Promise<ArticleState | null>;
  /** Conditional on the article's revision still being `expectedRev` (null: must not exist). */
  putArticle(state: ArticleState, expectedRev: number | null): Promise<void>;
  putContributions(contributions: Contribution[]): Promise<void>;
  deleteContributions(keys: GroupRef[]): Promise<void>;
  /** Marks groups as changed so a recomputation that read them earlier cannot overwrite newer data. */
  touchGroups(groups: GroupRef[]): Promise<void>;
  readGroup(group: GroupRef): Promise<{ state: GroupState | null; contributions: Contribution[] }>;
  /** Conditional on the group's revision still being `state.rev`. */
  writeGroup(state: GroupState): Promise<void>;
  /** Removes every read-model item, before a rebuild. */
  clear(): Promise<void>;
  /** Writes a whole projected state in bulk (a rebuild), unconditionally. */
  writeSnapshot(state: ProjectedState): Promise<void>;
  listGroups(
    view: ViewName,
    cursor: string | null,
    limit: number,
    range?: ListRange,
  ): Promise<Page<GroupState>>;
  /** Newest first; `range` bounds the articles' list sort keys (receivedAt|id). */
  listArticles(
    cursor: string | null,
    limit: number,
    range?: Omit<ListRange, 'descending'>,
  ): Promise<Page<ArticleState>>;
}

/** Inclusive bounds on a list's sort key, and its direction. */
export interface ListRange {
  fromSk?: string;
  toSk?: string;
  descending?: boolean;
}

export interface ArticleState {
  articleId: string;
  rev: number;
  /** Sequence of the extraction whose facts the views show. */
  extractionSeq: number;
  /** Contributions of that extraction. */
  contributionKeys: GroupRef[];
  /** Set while an extraction is being applied: every key that may hold a contribution of this article. */
  pendingKeys: GroupRef[] | null;
  view: ArticleView;
}
