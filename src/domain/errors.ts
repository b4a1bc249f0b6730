/**
 * Typed errors: each kind has a class and a stable `code` that callers switch on and that API
 * clients see; messages say what a person needs to act, never internals.
 */
export abstract class LedgerError extends Error {
  abstract readonly code: string;
  /** Whether trying the same operation again may succeed (throttling, a lost race). */
  readonly retryable: boolean = false;
}

export class ConcurrencyError extends LedgerError {
  readonly code = 'concurrency_conflict';
  override readonly retryable = true;
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} has moved past version ${expectedVersion}`);
  }
}

export class CommitTooLargeError extends LedgerError {
  readonly code = 'commit_too_large';
  constructor(
    readonly streamId: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`commit for ${streamId} is ${bytes} bytes; one commit may hold at most ${limit}`);
  }
}

export class InvalidEventError extends LedgerError {
  readonly code = 'invalid_event';
  constructor(
    readonly where: string,
    readonly issues: string,
  ) {
    super(`invalid event in ${where}: ${issues}`);
  }
}

export class ObjectNotFoundError extends LedgerError {
  readonly code = 'object_not_found';
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`s3://${bucket}/${key} does not exist (deleted before it was ingested?)`);
  }
}

export class ViewConflictError extends LedgerError {
  readonly code = 'view_conflict';
  override readonly retryable = true;
  constructor(readonly what: string) {
    super(`${what} changed while it was being projected`);
  }
}

/** Extracting an input took more work than one upload may: it is rejected rather than left to time out. */
export class TooComplexError extends LedgerError {
  readonly code = 'too_complex';
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** A deployment fault: a function was bundled without a data file the domain reads at run time. */
export class DataFileMissingError extends LedgerError {
  readonly code = 'data_file_missing';
  constructor(readonly file: string) {
    super(
      `${file} is missing beside the bundle; bundle the functions with infra/bundling.ts, which copies it there`,
    );
  }
}

/** A rebuild was asked for while another one holds the views' pointer (and is not stale). */
export class RebuildInProgressError extends LedgerError {
  readonly code = 'rebuild_in_progress';
  constructor(
    readonly version: number,
    readonly startedAt: string,
  ) {
    super(`a rebuild of version ${version} has been running since ${startedAt}; wait for it`);
  }
}

/** A rebuild could not make its version live: it failed, or another rebuild took it over. */
export class RebuildAbortedError extends LedgerError {
  readonly code = 'rebuild_aborted';
  constructor(
    readonly version: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `the rebuild of version ${version} did not go live: ${reason}; the live views are as they were`,
      options,
    );
  }
}
