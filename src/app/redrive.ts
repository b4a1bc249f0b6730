/**
 * Replaying what the projector could not handle: Lambda's on-failure destination receives only
 * the position of the failed records in the stream, so redrive reads them back from the stream
 * and projects them again. A message is removed only once every record in it succeeds; whatever
 * happens to one message is reported and the next is tried, so one that keeps failing never
 * hides the others.
 */
import type {
  AsyncFailureMessage,
  DeadLetterQueue,
  StreamFailureMessage,
  StreamRecordReader,
} from './ports';

interface RedriveOutcome {
  /** The dead letter's id in its queue. */
  id: string;
  outcome: 'redriven' | 'still failing';
  /** What was replayed: the object for an upload, the stream range for records. */
  subject: string;
  /** Why it still fails, in a sentence. */
  detail?: string;
}

export interface RedriveSummary {
  messages: number;
  redriven: number;
  stillFailing: number;
  records: number;
  outcomes: RedriveOutcome[];
}

/** Returns the sequence numbers that failed again. */
export type ProjectRecords<R> = (records: R[]) => Promise<string[]>;

interface Replayed {
  ok: boolean;
  records: number;
  detail?: string;
}

/** An error in a sentence; the ingest handler's AggregateError says which objects and why. */
const messageOf = (error: unknown): string =>
  error instanceof AggregateError
    ? `${error.message}: ${error.errors.map(messageOf).join('; ')}`
    : error instanceof Error
      ? error.message
      : String(error);

export async function redrive<R>(
  queue: DeadLetterQueue<StreamFailureMessage>,
  reader: StreamRecordReader<R>,
  project: ProjectRecords<R>,
): Promise<RedriveSummary> {
  return drain(
    queue,
    (m) =>
      `records ${m.DDBStreamBatchInfo.startSequenceNumber}–${m.DDBStreamBatchInfo.endSequenceNumber} of shard ${m.DDBStreamBatchInfo.shardId}`,
    async (message): Promise<Replayed> => {
      let records: R[];
      try {
        records = await reader.read(message.DDBStreamBatchInfo);
      } catch (error) {
        return {
          ok: false,
          records: 0,
          detail: `the records could not be read back from the stream (${messageOf(error)}); a stream keeps records 24 hours, after which \`npm run rebuild\` recovers what they held`,
        };
      }
      const failed = await project(records);
      return failed.length === 0
        ? { ok: true, records: records.length }
        : {
            ok: false,
            records: records.length,
            detail: `${failed.length} of ${records.length} records failed again`,
          };
    },
  );
}

/** Invokes the ingest handler again with each S3 event that exhausted its retries. */
export async function redriveIngest<E>(
  queue: DeadLetterQueue<AsyncFailureMessage<E>>,
  ingest: (event: E) => Promise<unknown>,
  describe: (event: E) => string = () => 'an upload',
): Promise<RedriveSummary> {
  return drain(
    queue,
    (m) => describe(m.requestPayload),
    async (message): Promise<Replayed> => {
      await ingest(message.requestPayload);
      return { ok: true, records: 1 };
    },
  );
}

async function drain<M>(
  queue: DeadLetterQueue<M>,
  subjectOf: (message: M) => string,
  replay: (message: M) => Promise<Replayed>,
): Promise<RedriveSummary> {
  const summary: RedriveSummary = {
    messages: 0,
    redriven: 0,
    stillFailing: 0,
    records: 0,
    outcomes: [],
  };
  const seen = new Set<string>();
  for (;;) {
    const batch = (await queue.receive(10)).filter((m) => !seen.has(m.id));
    if (batch.length === 0) return summary;
    for (const letter of batch) {
      seen.add(letter.id);
      summary.messages++;
      const replayed = await replay(letter.message).catch((error: unknown): Replayed => ({
        ok: false,
        records: 1,
        detail: messageOf(error),
      }));
      summary.records += replayed.records;
      const subject = subjectOf(letter.message);
      if (replayed.ok) {
        await queue.delete(letter.id);
        summary.redriven++;
        summary.outcomes.push({ id: letter.id, outcome: 'redriven', subject });
      } else {
        summary.stillFailing++;
        summary.outcomes.push({
          id: letter.id,
          outcome: 'still failing',
          subject,
          ...(replayed.detail ? { detail: replayed.detail } : {}),
        });
      }
    }
  }
}
