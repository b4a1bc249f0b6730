/**
 * The body of one extraction worker thread (local/worker-extractor.ts): runs the extractor's two
 * steps on what the stack sends, one task at a time, and answers with the result or the error.
 */
import { parentPort } from 'node:worker_threads';
import { LedgerError } from '../src/domain/errors';
import { findFacts, prepareArticle } from '../src/domain/extractor';
import type { ExtractTask, ExtractReply } from './worker-extractor';

parentPort!.on('message', (task: ExtractTask) => {
  let reply: ExtractReply;
  try {
    const result = task.step === 'prepare' ? prepareArticle(task.input) : findFacts(task.article);
    reply = { id: task.id, ok: true, result };
  } catch (error) {
    reply = {
      id: task.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof LedgerError ? { code: error.code } : {}),
    };
  }
  parentPort!.postMessage(reply);
});
