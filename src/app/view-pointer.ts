/**
 * Changes to the views' pointer, each a read and a put conditional on the revision read: the
 * rebuild claims a version, moves it through its phases and makes it live; the projector marks a
 * build it could not write to as failed. A writer that lost the race reads again and decides
 * again, so every change is made on the pointer as it is.
 */
import { ViewConflictError } from '../domain/errors';
import type { ViewBuild, ViewPointer, ViewVersions } from './ports';

/** Pointer writers are the rebuild and the projectors that fail a build: a few at most. */
const MAX_ATTEMPTS = 20;

/**
 * The pointer after `change`, or null when `change` finds nothing to do (it returns null). An
 * error `change` throws ends the attempt.
 */
export async function changePointer(
  versions: ViewVersions,
  change: (pointer: ViewPointer) => Omit<ViewPointer, 'rev'> | null,
): Promise<ViewPointer | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const pointer = await versions.readPointer();
    const next = change(pointer);
    if (!next) return null;
    const written = { ...next, rev: pointer.rev + 1 };
    if (await versions.writePointer(written, pointer.rev)) return written;
  }
  throw new ViewConflictError('the views pointer');
}

/**
 * Marks the build of `version` as failed, so it never goes live; false when that build is no
 * longer in progress (it went live, or was abandoned) or had failed already.
 */
export async function failBuild(
  versions: ViewVersions,
  version: number,
  reason: string,
): Promise<boolean> {
  const changed = await changePointer(versions, (p) =>
    p.build?.version === version && !p.build.failed
      ? { ...p, build: { ...p.build, failed: reason } satisfies ViewBuild }
      : null,
  );
  return changed !== null;
}
