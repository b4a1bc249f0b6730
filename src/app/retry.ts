/**
 * The one retry policy of the application: an operation that lost a race (a typed error whose
 * `retryable` is set) is run again after a jittered, growing pause, for as long as its time
 * budget lasts — not a fixed number of times, since under a burst one stream may see many
 * writers in turn, and each attempt that loses learns that another has moved on. Each attempt
 * must re-read what it depends on, so running it again is always safe, and an attempt that
 * finds nothing left to do ends the loop.
 */
import { LedgerError } from '../domain/errors';

export interface RetryPolicy {
  /** How long, from the first attempt, a lost race is tried again. */
  budgetMs: number;
  /** The first pause; each later one doubles, up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * A command's append: within a Lambda's 60 s, after reading and preparing the object. With
 * ingest's reserved concurrency (infra/stack.ts) at most that many writers contend for one stream.
 */
export const RACE_RETRIES: RetryPolicy = { budgetMs: 30_000, baseDelayMs: 10, maxDelayMs: 1000 };

const isRetryable = (error: unknown): boolean => error instanceof LedgerError && error.retryable;
/** The real clock's wait, for use cases that wait; tests pass a virtual one instead. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retrying<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = RACE_RETRIES,
): Promise<T> {
  const sleep = policy.sleep ?? pause;
  const random = policy.random ?? Math.random;
  const now = policy.now ?? Date.now;
  const deadline = now() + policy.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.floor(random() * ceiling);
      if (!isRetryable(error) || now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
}
