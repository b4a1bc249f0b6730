/**
 * The one retry policy of the application: an operation that lost a race (a typed error whose
 * `retryable` is set) is run again after a jittered, growing pause, a bounded number of times.
 * Each attempt must re-read what it depends on, so running it again is always safe.
 */
import { LedgerError } from '../domain/errors';

export interface RetryPolicy {
  attempts: number;
  /** The first pause; each later one doubles, up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const RACE_RETRIES: RetryPolicy = { attempts: 10, baseDelayMs: 10, maxDelayMs: 1000 };

const isRetryable = (error: unknown): boolean => error instanceof LedgerError && error.retryable;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retrying<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = RACE_RETRIES,
): Promise<T> {
  const sleep = policy.sleep ?? pause;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.attempts) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
