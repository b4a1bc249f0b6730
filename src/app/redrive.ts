/**
 * Replaying what the projector could not handle: Lambda's on-failure destination receives only
 * the position of the failed records in the stream, so redrive reads them back from the stream
 * and projects them again. Messages are removed only once every record in them succeeds.
 */
import type {
  AsyncFailureMessage,
  DeadLetterQueue,
  StreamFailureMessage,
  StreamRecordReader,
} from './ports';

export interface RedriveSummary {
  messages: number;
  redriven: number;
  stillFailing: number;
  records: number;
}

/** Returns the sequence numbers that failed again. */
export type ProjectRecords<R> = (records: R[]) => Promise<string[]>;

export async function redrive<R>(
  queue: DeadLetterQueue<StreamFailureMessage>,
  reader: StreamRecordReader<R>,
  project: ProjectRecords<R>,
): Promise<RedriveSummary> {
  return drain(queue, async (message, summary) => {
    const records = await reader.read(message.DDBStreamBatchInfo);
    summary.records += records.length;
    return (await project(records)).length === 0;
  });
}

/** Invokes the ingest handler again with each S3 event that exhausted its retries. */
export async function redriveIngest<E>(
  queue: DeadLetterQueue<AsyncFailureMessage<E>>,
  ingest: (event: E) => Promise<unknown>,
): Promise<RedriveSummary> {
  return drain(queue, async (message, summary) => {
    summary.records++;
    try {
      await ingest(message.requestPayload);
      return true;
    } catch {
      return false;
    }
  });
}

async function drain<M>(
  queue: DeadLetterQueue<M>,
  replay: (message: M, summary: RedriveSummary) => Promise<boolean>,
): Promise<RedriveSummary> {
  const summary: RedriveSummary = { messages: 0, redriven: 0, stillFailing: 0, records: 0 };
  const seen = new Set<string>();
  for (;;) {
    const batch = (await queue.receive(10)).filter((m) => !seen.has(m.id));
    if (batch.length === 0) return summary;
    for (const letter of batch) {
      seen.add(letter.id);
      summary.messages++;
      if (await replay(letter.message, summary)) {
        await queue.delete(letter.id);
        summary.redriven++;
      } else summary.stillFailing++;
    }
  }
}
