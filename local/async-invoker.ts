/**
 * Lambda's asynchronous invocation, as S3 uses it: each event is tried, retried twice with a
 * back-off, then handed to the on-failure destination. Several run at once, like concurrent
 * execution environments.
 */
export class AsyncInvoker<E> {
  private readonly pending: { event: E; quiet: boolean }[] = [];
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly options: {
      invoke: (event: E, quiet: boolean) => Promise<void>;
      retries: number;
      concurrency: number;
      onFailure: (event: E, error: unknown) => Promise<void>;
    },
  ) {}

  /** Quiet deliveries log only what changed anything. */
  push(event: E, quiet = false): void {
    this.pending.push({ event, quiet });
    this.pump();
  }

  idle(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops the events not yet started and waits for the ones running. */
  abandon(): Promise<void> {
    this.pending.splice(0);
    return this.idle();
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.pending.length > 0) {
      const { event, quiet } = this.pending.shift()!;
      this.running++;
      void this.attempt(event, quiet).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.pending.length === 0)
          for (const resolve of this.waiters.splice(0)) resolve();
      });
    }
  }

  private async attempt(event: E, quiet: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.invoke(event, quiet);
        return;
      } catch (error) {
        if (attempt >= this.options.retries) return this.options.onFailure(event, error);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}
