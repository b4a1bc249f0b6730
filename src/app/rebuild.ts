/**
 * Recomputes every read model from the event store into a new version beside the live one, and
 * switches readers to it only once it is whole:
 *  1. claim: the pointer names the new version as being built (`filling`);
 *  2. fill: every commit is read (the table's segments in parallel), folded into the latest
 *     effect per article — the pure projection the incremental projector is held to — and
 *     written in bulk; nobody else writes to the version meanwhile, so nothing newer is
 *     overwritten;
 *  3. catch up: the pointer says `catching-up`, from when on the projector applies every commit
 *     to this version as well as to the live one. The commits appended since the fill read the
 *     table are found by reading its keys again and applied here; one appended after that reaches
 *     the projector after the phase changed, so the projector applies it;
 *  4. switch: one conditional write of the pointer makes the version live — unless the build
 *     failed (a commit the projector could not write to it) or another rebuild took it over;
 *  5. drop: once readers holding the old pointer are done with it, every older version goes.
 * Any failure before the switch leaves the live views as they were and drops the new version, so
 * nothing — neither readers nor redrive — ever sees half a rebuild.
 */
import { LatestEffects } from '../domain/projections/project-all';
import { RebuildAbortedError, RebuildInProgressError } from '../domain/errors';
import type { CommitKey, EventStore, Page, ScanPart, ViewVersion, ViewVersions } from './ports';
import { projectCommit } from './projector';
import { pause, RACE_RETRIES, retrying } from './retry';
import { POINTER_TTL_MS } from './live-views';
import { changePointer } from './view-pointer';

/**
 * A build whose rebuild has run longer than this is dead (the rebuild function's timeout is 15
 * minutes): another rebuild may take over, and the dead one's version is dropped with the rest.
 */
const STALE_BUILD_MS = 15 * 60_000;
/** Readers keep a pointer for POINTER_TTL_MS; a read started just before that may still run. */
const DROP_GRACE_MS = 5 * POINTER_TTL_MS;
/**
 * Parallel segments of the events table read at once. On AWS a segment is a stream of pages
 * read in parallel with the others; DynamoDB Local reads a segment in time that grows with the
 * square of its size, so more, smaller segments are faster there too (bench/store.ts).
 */
export const REBUILD_SEGMENTS = 32;
const PAGE = 1000;

export type RebuildProgress =
  | { step: 'claimed'; version: number; live: number }
  | { step: 'filled'; version: number; commits: number; items: number }
  | { step: 'caught-up'; version: number; commits: number }
  | { step: 'switched'; version: number; from: number }
  | { step: 'dropped'; items: number }
  | { step: 'drop-failed'; reason: string }
  | { step: 'abandoned'; version: number; reason: string };

export interface RebuildDeps {
  events: EventStore;
  versions: ViewVersions;
  now: () => string;
  /** Told as each step ends: the operator's log, and tests acting between steps. */
  progress?: (p: RebuildProgress) => Promise<void> | void;
  /** How long after the switch the old version is dropped (default DROP_GRACE_MS). */
  graceMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RebuildResult {
  version: number;
  commits: number;
  events: number;
  /** Items the snapshot wrote. */
  items: number;
  /** Commits appended during the rebuild that it applied itself. */
  caughtUp: number;
  /** Items of older versions deleted; null if the drop failed (the next rebuild drops them). */
  dropped: number | null;
}

const keyOf = (k: CommitKey) => `${k.streamId}\u0000${k.version}`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function rebuildViews(deps: RebuildDeps): Promise<RebuildResult> {
  const { versions } = deps;
  const progress = deps.progress ?? (() => undefined);
  const { version, live } = await claim(versions, deps.now());
  await progress({ step: 'claimed', version, live });
  const store = versions.at(version);
  let filled: Filled, caughtUp: number;
  try {
    filled = await fill(deps.events, store);
    await progress({ step: 'filled', version, commits: filled.commits, items: filled.items });
    await setPhase(versions, version);
    caughtUp = await catchUp(deps.events, store, filled.seen);
    await progress({ step: 'caught-up', version, commits: caughtUp });
    await switchTo(versions, version);
  } catch (error) {
    const reason = messageOf(error);
    const cleanup = await abandon(versions, version).then(
      () => '',
      (e: unknown) => `; the build is left for the next rebuild to drop (${messageOf(e)})`,
    );
    await progress({ step: 'abandoned', version, reason: reason + cleanup });
    throw error instanceof RebuildAbortedError
      ? error
      : new RebuildAbortedError(version, reason, { cause: error });
  }
  await progress({ step: 'switched', version, from: live });
  const dropped = await dropOlder(deps, version);
  const { commits, events, items } = filled;
  return { version, commits, events, items, caughtUp, dropped };
}

/** The next version, named in the pointer as being built; refused while a live rebuild holds it. */
async function claim(versions: ViewVersions, now: string) {
  const claimed = await changePointer(versions, (p) => {
    if (
      p.build &&
      !p.build.failed &&
      Date.parse(now) - Date.parse(p.build.startedAt) < STALE_BUILD_MS
    )
      throw new RebuildInProgressError(p.build.version, p.build.startedAt);
    const build = { version: p.next, phase: 'filling' as const, startedAt: now, failed: null };
    return { ...p, build, next: p.next + 1 };
  });
  return { version: claimed!.build!.version, live: claimed!.live };
}

/** Every page of every part, the parts read in parallel. */
async function readParts<T>(
  read: (cursor: string | null, part: ScanPart) => Promise<Page<T>>,
  each: (item: T) => void,
): Promise<void> {
  await Promise.all(
    Array.from({ length: REBUILD_SEGMENTS }, async (_, segment) => {
      for (let cursor: string | null = null; ;) {
        const page = await read(cursor, { segment, of: REBUILD_SEGMENTS });
        page.items.forEach(each);
        if (!(cursor = page.next)) return;
      }
    }),
  );
}

interface Filled {
  seen: Set<string>;
  commits: number;
  events: number;
  items: number;
}

async function fill(events: EventStore, store: ViewVersion): Promise<Filled> {
  const effects = new LatestEffects();
  const seen = new Set<string>();
  let count = 0;
  await readParts(
    (cursor, part) => events.readAll(cursor, PAGE, part),
    (commit) => {
      effects.add(commit);
      seen.add(keyOf(commit));
      count += commit.events.length;
    },
  );
  const items = await store.writeSnapshot(effects.snapshot());
  return { seen, commits: seen.size, events: count, items };
}

/** From now on the projector writes every commit to the build as well. */
async function setPhase(versions: ViewVersions, version: number): Promise<void> {
  await changePointer(versions, (p) => {
    if (p.build?.version !== version)
      throw new RebuildAbortedError(version, 'another rebuild took it over');
    return { ...p, build: { ...p.build, phase: 'catching-up' } };
  });
}

/** The commits the fill did not read, applied as the projector would. */
async function catchUp(events: EventStore, store: ViewVersion, seen: Set<string>): Promise<number> {
  const missing = new Map<string, Set<number>>();
  await readParts(
    (cursor, part) => events.readAllKeys(cursor, PAGE, part),
    (key) => {
      if (seen.has(keyOf(key))) return;
      missing.set(key.streamId, (missing.get(key.streamId) ?? new Set()).add(key.version));
    },
  );
  let applied = 0;
  for (const [streamId, wanted] of missing) {
    const { commits } = await events.readStream(streamId);
    for (const commit of commits.filter((c) => wanted.has(c.version))) {
      await retrying(() => projectCommit(store, commit), RACE_RETRIES);
      applied++;
    }
  }
  return applied;
}

async function switchTo(versions: ViewVersions, version: number): Promise<void> {
  await changePointer(versions, (p) => {
    if (p.build?.version !== version)
      throw new RebuildAbortedError(version, 'another rebuild took it over');
    if (p.build.failed) throw new RebuildAbortedError(version, p.build.failed);
    return { ...p, live: version, build: null };
  });
}

/** The build out of the pointer and its items deleted; the live version is not touched. */
async function abandon(versions: ViewVersions, version: number): Promise<void> {
  await changePointer(versions, (p) =>
    p.build?.version === version ? { ...p, build: null } : null,
  );
  await versions.dropVersions((v) => v === version);
}

/** Every version older than the new live one; a later build has a higher number and is kept. */
async function dropOlder(deps: RebuildDeps, version: number): Promise<number | null> {
  const sleep = deps.sleep ?? pause;
  await sleep(deps.graceMs ?? DROP_GRACE_MS);
  const progress = deps.progress ?? (() => undefined);
  try {
    const items = await deps.versions.dropVersions((v) => v < version);
    await progress({ step: 'dropped', items });
    return items;
  } catch (error) {
    await progress({ step: 'drop-failed', reason: messageOf(error) });
    return null;
  }
}
