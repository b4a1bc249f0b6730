/**
 * The extractor off the local stack's event loop. On AWS each ingest invocation has an execution
 * environment of its own; locally the API, the S3 bridge and the projector share one event loop,
 * so an upload that takes seconds to extract would stall /health for as long. Here each step runs
 * in a worker thread, one task per thread at a time, within a budget of work: a step that
 * exceeds it has its thread terminated (and replaced) and ends as a too_complex rejection, the
 * way a Lambda would rather than time out three times into the dead-letter queue.
 *
 * Threads are kept between tasks, since starting one (tsx and the extractor's tables) takes
 * seconds on a loaded machine; a task waiting for a thread does not spend its budget.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Extractor } from '../src/app/ports';
import { TooComplexError } from '../src/domain/errors';
import { EXTRACTOR_VERSION } from '../src/domain/extractor';
import type {
  ArticleFacts,
  ArticleInput,
  PreparedArticle,
  RejectedArticle,
} from '../src/domain/extractor/types';

type Step =
  { step: 'prepare'; input: ArticleInput } | { step: 'findFacts'; article: PreparedArticle };
export type ExtractTask = Step & { id: number };

/** A step's result, or its error's message and, for a typed error, its code. */
export type ExtractReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string; code?: string };

/** The error a thread reported, typed again: a fact finding past its work budget is too complex. */
const errorOf = (reply: { error: string; code?: string }): Error =>
  reply.code === 'too_complex' ? new TooComplexError(reply.error) : new Error(reply.error);

export interface WorkerExtractorOptions {
  /** Threads at most (default 2: the cores a developer's stack may take). */
  threads?: number;
  /** Milliseconds one step may run (default 15 s, a quarter of the Lambda's timeout). */
  budgetMs?: number;
  /** The worker body; tests give one of their own. */
  workerFile?: string;
}

export type WorkerExtractor = Extractor & { close(): Promise<void> };

interface Pending {
  task: ExtractTask;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  busy: Pending | null;
  /** Why the thread died, when it did of an error. */
  error?: Error & { code?: string };
}

const DEFAULT_WORKER = path.join(import.meta.dirname, 'extract-worker.ts');

/**
 * tsx's ESM API, found through its package's export map rather than import.meta.resolve, which
 * Vite's module runner does not offer: the integration tests' global setup loads this file with
 * it, and every upload of their stack failed there before reaching a thread.
 */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default))
    .href;
}
const TSX_API = tsxApi();

/** Starts a thread that loads TypeScript through tsx, whatever runs this process. */
function startThread(file: string): Thread {
  const boot = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); }).then(() => require('node:worker_threads').parentPort.postMessage('ready'))`;
  // As much heap as a Lambda of the stack's ingest could give it.
  const worker = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m !== 'ready') return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  ready.catch(() => undefined);
  const thread: Thread = { worker, ready, busy: null };
  worker.on('error', (error) => (thread.error = error));
  return thread;
}

/** Threads that take one task each at a time, each task within the budget. */
class ThreadPool {
  private readonly pool: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly threads: number,
    private readonly budgetMs: number,
    private readonly file: string,
  ) {}

  submit(task: Step): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      if (this.closed) return reject(new Error('the extractor is closed'));
      this.queue.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the extractor is closed'));
    await Promise.all(this.pool.splice(0).map((t) => t.worker.terminate()));
  }

  private dispatch() {
    while (this.queue.length && !this.closed) {
      let thread = this.pool.find((t) => !t.busy);
      if (!thread && this.pool.length < this.threads)
        this.pool.push((thread = startThread(this.file)));
      if (!thread) return;
      void this.run(thread, this.queue.shift()!);
    }
  }

  private retire(thread: Thread) {
    const at = this.pool.indexOf(thread);
    if (at >= 0) this.pool.splice(at, 1);
    void thread.worker.terminate();
  }

  private finish(thread: Thread, settle: () => void) {
    thread.busy = null;
    thread.worker.unref();
    settle();
    this.dispatch();
  }

  private async run(thread: Thread, p: Pending) {
    thread.busy = p;
    thread.worker.ref();
    try {
      await thread.ready;
    } catch (error) {
      this.retire(thread);
      return this.finish(thread, () => p.reject(error));
    }
    const timer = setTimeout(() => {
      this.retire(thread);
      const seconds = this.budgetMs / 1000;
      const error = new TooComplexError(
        `extracting the article took more than ${seconds} s of work; split it or simplify its markup`,
      );
      this.finish(thread, () => p.reject(error));
    }, this.budgetMs);
    const onExit = () => {
      clearTimeout(timer);
      if (thread.busy !== p) return;
      this.retire(thread);
      const error =
        thread.error?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new TooComplexError('extracting the article took more than 1 GB of memory')
          : (thread.error ?? new Error('the extraction thread stopped'));
      this.finish(thread, () => p.reject(error));
    };
    thread.worker.once('exit', onExit);
    const onReply = (reply: ExtractReply) => {
      if (reply.id !== p.task.id) return;
      clearTimeout(timer);
      thread.worker.off('message', onReply);
      thread.worker.off('exit', onExit);
      this.finish(thread, () => (reply.ok ? p.resolve(reply.result) : p.reject(errorOf(reply))));
    };
    thread.worker.on('message', onReply);
    thread.worker.postMessage(p.task);
  }
}

export function workerExtractor(options: WorkerExtractorOptions = {}): WorkerExtractor {
  const pool = new ThreadPool(
    options.threads ?? 2,
    options.budgetMs ?? 15_000,
    options.workerFile ?? DEFAULT_WORKER,
  );
  return {
    version: EXTRACTOR_VERSION,
    async prepare(input) {
      try {
        return (await pool.submit({ step: 'prepare', input })) as PreparedArticle | RejectedArticle;
      } catch (error) {
        if (!(error instanceof TooComplexError)) throw error;
        return {
          kind: 'rejected',
          extractorVersion: EXTRACTOR_VERSION,
          reason: 'too_complex',
          detail: error.message,
        };
      }
    },
    async findFacts(article) {
      return (await pool.submit({ step: 'findFacts', article })) as ArticleFacts;
    },
    close: () => pool.close(),
  };
}
