import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeadLetter, DeadLetterQueue, StreamFailureMessage } from '../src/app/ports';

/**
 * The local on-failure destination: no SQS emulator is among the local services, so messages of
 * the same shape are kept as files, one per message, oldest first. Like SQS, a message received
 * and not deleted stays invisible to this queue for a while, so a reader that leaves a failing
 * message in place receives the next ones instead of the same one again.
 */
export class FileDeadLetterQueue<M = StreamFailureMessage> implements DeadLetterQueue<M> {
  private counter = 0;
  /** Received and not deleted: invisible until the time given. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly visibilityTimeoutMs = 30_000,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async send(message: M): Promise<void> {
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${this.counter++}.json`;
    writeFileSync(path.join(this.dir, name), JSON.stringify(message, null, 2));
  }

  async receive(max: number): Promise<DeadLetter<M>[]> {
    const now = Date.now();
    const visible = readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && (this.inFlight.get(f) ?? 0) <= now)
      .sort()
      .slice(0, max);
    for (const f of visible) this.inFlight.set(f, now + this.visibilityTimeoutMs);
    return visible.map((f) => ({
      id: f,
      message: JSON.parse(readFileSync(path.join(this.dir, f), 'utf8')) as M,
    }));
  }

  async delete(id: string): Promise<void> {
    this.inFlight.delete(path.basename(id));
    rmSync(path.join(this.dir, path.basename(id)), { force: true });
  }

  count(): number {
    return readdirSync(this.dir).filter((f) => f.endsWith('.json')).length;
  }
}
