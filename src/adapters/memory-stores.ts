/**
 * In-memory adapters with the same contracts as the DynamoDB ones (conditional writes included),
 * for unit and property tests of the core.
 */
import type { Commit } from '../domain/commit';
import { commitToItem, uploadKeyOf } from './commit-item';
import type { Correlation } from '../domain/events';
import { ConcurrencyError, ObjectNotFoundError, ViewConflictError } from '../domain/errors';
import type {
  EntriesQuery,
  EventStore,
  ExportStore,
  KeyState,
  ListRange,
  ObjectStore,
  Page,
  ListedEntry,
  ScanPart,
  CommitKey,
  StoredObject,
  StreamSnapshot,
  UploadSigner,
  ViewPointer,
  ViewVersion,
  ViewVersions,
} from '../app/ports';
import type { UploadMetadata } from '../domain/extractor/types';
import type {
  ArticleRecord,
  Contribution,
  GroupRef,
  GroupState,
} from '../domain/projections/model';
import { viewNamed } from '../domain/facts';
import { listPartition } from '../domain/projections/contributions';
import { articleListSortKey, type Snapshot } from '../domain/projections/project-all';

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryEventStore implements EventStore {
  readonly streams = new Map<string, Commit[]>();

  async appendToStream(commit: Commit): Promise<{ written: boolean }> {
    const stream = this.streams.get(commit.streamId) ?? [];
    const existing = stream.find((c) => c.version === commit.version);
    if (existing) {
      if (existing.commitId === commit.commitId) return { written: false };
      throw new ConcurrencyError(commit.streamId, commit.version - 1);
    }
    // The same encoding and size guard as the DynamoDB store, so tests meet its limits.
    commitToItem(commit);
    stream.push(clone(commit));
    stream.sort((a, b) => a.version - b.version);
    this.streams.set(commit.streamId, stream);
    return { written: true };
  }

  async readStream(streamId: string): Promise<StreamSnapshot> {
    const commits = clone(this.streams.get(streamId) ?? []);
    return { version: commits.at(-1)?.version ?? 0, commits };
  }

  /**
   * Like a DynamoDB Scan: in key order, the cursor the last key read, so a commit appended while
   * pages are read is seen or not but moves nothing else; a part holds the streams hashed to it.
   */
  async readAll(cursor: string | null, limit = 500, part?: ScanPart): Promise<Page<Commit>> {
    const all = [...this.streams.values()]
      .flat()
      .filter((c) => !part || partOf(c.streamId, part.of) === part.segment)
      .map((c) => ({ key: scanKey(c), commit: c }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rest = cursor === null ? all : all.filter((c) => c.key > cursor);
    const items = rest.slice(0, limit);
    return {
      items: clone(items.map((c) => c.commit)),
      next: rest.length > limit ? items.at(-1)!.key : null,
    };
  }

  async readAllKeys(cursor: string | null, limit = 500, part?: ScanPart): Promise<Page<CommitKey>> {
    const page = await this.readAll(cursor, limit, part);
    return {
      items: page.items.map((c) => ({ streamId: c.streamId, version: c.version })),
      next: page.next,
    };
  }

  async findUpload(upload: Correlation): Promise<Commit | null> {
    const key = uploadKeyOf(upload);
    const found = [...this.streams.values()].flat().find((c) => commitToItem(c).upload === key);
    return found ? clone(found) : null;
  }
}

const scanKey = (c: CommitKey) => `${c.streamId}\u0000${String(c.version).padStart(10, '0')}`;

/** A stable spread of streams over parts (FNV-1a of the stream id). */
function partOf(streamId: string, parts: number): number {
  let hash = 2166136261;
  for (let i = 0; i < streamId.length; i++)
    hash = Math.imul(hash ^ streamId.charCodeAt(i), 16777619);
  return (hash >>> 0) % parts;
}

const gid = (r: { view: string; groupKey: string }) => `${r.view}\u001f${r.groupKey}`;
const cid = (r: GroupRef) => `${gid(r)}\u001f${r.articleId}\u001f${r.factIndex}`;

const inRange = (k: string, range: ListRange) =>
  (range.fromSk === undefined || k >= range.fromSk) &&
  (range.toSk === undefined || k <= range.toSk);

function page<T>(all: T[], cursor: string | null, limit: number): Page<T> {
  const start = cursor ? Number(cursor) : 0;
  return {
    items: clone(all.slice(start, start + limit)),
    next: start + limit < all.length ? String(start + limit) : null,
  };
}

export class MemoryViewStore implements ViewVersion {
  readonly articles = new Map<string, ArticleRecord>();
  readonly groups = new Map<string, GroupState>();
  readonly contributions = new Map<string, Contribution>();

  async getArticle(articleId: string): Promise<ArticleRecord | null> {
    const a = this.articles.get(articleId);
    return a ? clone(a) : null;
  }

  async putArticle(state: ArticleRecord, expectedRev: number | null): Promise<void> {
    const current = this.articles.get(state.articleId);
    if (expectedRev === null ? current !== undefined : current?.rev !== expectedRev)
      throw new ViewConflictError(`article ${state.articleId}`);
    this.articles.set(state.articleId, clone(state));
  }

  async putContributions(contributions: Contribution[]): Promise<void> {
    for (const c of contributions) this.contributions.set(cid({ ...c }), clone(c));
  }

  async deleteContributions(keys: GroupRef[]): Promise<void> {
    for (const k of keys) this.contributions.delete(cid(k));
  }

  async touchGroups(groups: GroupRef[]): Promise<void> {
    for (const g of groups) {
      const current = this.groups.get(gid(g));
      this.groups.set(
        gid(g),
        current
          ? { ...current, rev: current.rev + 1 }
          : { view: g.view, groupKey: g.groupKey, rev: 1, entries: [], index: [] },
      );
    }
  }

  async readGroup(
    group: GroupRef,
  ): Promise<{ state: GroupState | null; contributions: Contribution[] }> {
    const state = this.groups.get(gid(group));
    const prefix = `${gid(group)}\u001f`;
    const contributions = [...this.contributions.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, c]) => clone(c));
    return { state: state ? clone(state) : null, contributions };
  }

  async writeGroup(state: GroupState): Promise<void> {
    const current = this.groups.get(gid(state));
    if ((current?.rev ?? 0) !== state.rev)
      throw new ViewConflictError(`group ${state.view}/${state.groupKey}`);
    if (state.entries.length === 0) this.groups.delete(gid(state));
    else this.groups.set(gid(state), clone(state));
  }

  async writeSnapshot(state: Snapshot): Promise<number> {
    for (const a of state.articles) this.articles.set(a.articleId, clone(a));
    await this.putContributions(state.contributions);
    for (const g of state.groups) if (g.entries.length > 0) this.groups.set(gid(g), clone(g));
    return this.size();
  }

  /** Its records: articles, contributions and groups. */
  size(): number {
    return this.articles.size + this.contributions.size + this.groups.size;
  }

  async listEntries(view: string, query: EntriesQuery): Promise<Page<ListedEntry>> {
    const { facet, cursor, limit, ...range } = query;
    const wanted = listPartition(
      view,
      facet ? { facet: facet.name, value: facet.value } : { facet: '', value: '' },
    );
    const rows = [...this.groups.values()]
      .filter((g) => g.view === view)
      .flatMap((g) =>
        g.index
          .filter((r) => listPartition(view, r) === wanted && inRange(r.sk, range))
          .map((r) => ({
            sk: r.sk,
            entry: g.entries.find((e) => entryIdOf(view, e) === r.entryId),
          })),
      )
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    if (range.descending) rows.reverse();
    return page(rows, cursor, limit);
  }

  async listArticles(
    cursor: string | null,
    limit: number,
    range: Omit<ListRange, 'descending'> = {},
    status?: ArticleRecord['view']['status'],
  ): Promise<Page<ArticleRecord>> {
    const all = [...this.articles.values()]
      .filter(
        (a) => (!status || a.view.status === status) && inRange(articleListSortKey(a.view), range),
      )
      .sort((a, b) => {
        const ka = articleListSortKey(a.view),
          kb = articleListSortKey(b.view);
        return ka < kb ? 1 : ka > kb ? -1 : 0;
      });
    return page(all, cursor, limit);
  }
}

const entryIdOf = (view: string, entry: unknown): string =>
  (viewNamed(view).entryId as (e: unknown) => string)(entry);

/** Versions of the views side by side, and the pointer to the live one. */
export class MemoryViewVersions implements ViewVersions {
  private pointer: ViewPointer = { rev: 0, live: 0, build: null, next: 1 };
  readonly versions = new Map<number, MemoryViewStore>();

  async readPointer(): Promise<ViewPointer> {
    return clone(this.pointer);
  }

  async writePointer(next: ViewPointer, expectedRev: number): Promise<boolean> {
    if (this.pointer.rev !== expectedRev) return false;
    this.pointer = clone(next);
    return true;
  }

  at(version: number): MemoryViewStore {
    let store = this.versions.get(version);
    if (!store) {
      store = new MemoryViewStore();
      this.versions.set(version, store);
    }
    return store;
  }

  /** The version readers read now, for tests. */
  live(): MemoryViewStore {
    return this.at(this.pointer.live);
  }

  async dropVersions(drop: (version: number) => boolean): Promise<number> {
    let dropped = 0;
    for (const [version, store] of this.versions)
      if (drop(version)) {
        dropped += store.size();
        this.versions.delete(version);
      }
    return dropped;
  }
}

export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, StoredObject>();
  /** Keys whose latest version is a delete marker; their object stays readable by version. */
  readonly removed = new Set<string>();

  /** Deletes the key as a versioned bucket does: a delete marker on top of what it held. */
  remove(bucket: string, key: string): void {
    this.removed.add(`${bucket}/${key}`);
  }

  async keyState(bucket: string, key: string): Promise<KeyState> {
    const object = this.objects.get(`${bucket}/${key}`);
    return {
      present: object !== undefined && !this.removed.has(`${bucket}/${key}`),
      versions: object ? [object.versionId] : [],
    };
  }

  async getObject(bucket: string, key: string): Promise<StoredObject> {
    const object = this.objects.get(`${bucket}/${key}`);
    if (!object) throw new ObjectNotFoundError(bucket, key);
    return clone(object);
  }

  async putText(bucket: string, key: string, text: string): Promise<void> {
    this.objects.set(`${bucket}/${key}`, {
      bytes: new TextEncoder().encode(text),
      contentType: 'text/plain; charset=utf-8',
      versionId: null,
      metadata: {},
    });
  }

  async getText(bucket: string, key: string): Promise<string | null> {
    const object = this.objects.get(`${bucket}/${key}`);
    return object ? new TextDecoder().decode(object.bytes) : null;
  }
}

export class MemoryExportStore implements ExportStore {
  readonly saved = new Map<string, { body: string; contentType: string }>();

  async save(name: string, body: string, contentType: string): Promise<string> {
    this.saved.set(name, { body, contentType });
    return `memory://exports/${name}`;
  }
}

/** Signs nothing: records what it was asked to sign and answers a URL that says so. */
export class MemoryUploadSigner implements UploadSigner {
  readonly signed: { key: string; size: number; contentType: string; fields: UploadMetadata }[] =
    [];

  async presignPut(
    key: string,
    o: { size: number; contentType: string; fields: UploadMetadata; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }> {
    this.signed.push({ key, size: o.size, contentType: o.contentType, fields: o.fields });
    return {
      url: `memory://uploads/${encodeURIComponent(key)}?size=${o.size}`,
      headers: { 'content-type': o.contentType },
    };
  }
}
