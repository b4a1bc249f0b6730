import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeadLetter, DeadLetterQueue, StreamFailureMessage } from '../src/app/ports';

/**
 * The local on-failure destination: no SQS emulator is among the local services, so messages of
 * the same shape are kept as files, one per message, oldest first.
 */
export class FileDeadLetterQueue<M = StreamFailureMessage> implements DeadLetterQueue<M> {
  private counter = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async send(message: M): Promise<void> {
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${this.counter++}.json`;
    writeFileSync(path.join(this.dir, name), JSON.stringify(message, null, 2));
  }

  async receive(max: number): Promise<DeadLetter<M>[]> {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .slice(0, max)
      .map((f) => ({
        id: f,
        message: JSON.parse(readFileSync(path.join(this.dir, f), 'utf8')) as M,
      }));
  }

  async delete(id: string): Promise<void> {
    rmSync(path.join(this.dir, path.basename(id)), { force: true });
  }

  count(): number {
    return readdirSync(this.dir).filter((f) => f.endsWith('.json')).length;
  }
}
