/**
 * Replaying what the projector could not handle: Lambda's on-failure destination receives only
 * the position of the failed records in the stream, so redrive reads them back from the stream
 * and projects them again. Messages are removed only once every record in them succeeds.
 */
import type { DynamoDBRecord } from 'aws-lambda';

/** The message Lambda sends to an on-failure destination for a DynamoDB stream batch. */
export interface StreamFailureMessage {
  requestContext?: { condition?: string; approximateInvokeCount?: number };
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    batchSize: number;
    streamArn: string;
  };
  timestamp?: string;
}

export interface DeadLetter {
  id: string;
  message: StreamFailureMessage;
}

export interface DeadLetterQueue {
  send(message: StreamFailureMessage): Promise<void>;
  receive(max: number): Promise<DeadLetter[]>;
  delete(id: string): Promise<void>;
}

export interface StreamRecordReader {
  /** The records of one shard between two sequence numbers, inclusive. */
  read(info: StreamFailureMessage['DDBStreamBatchInfo']): Promise<DynamoDBRecord[]>;
}

export interface RedriveSummary {
  messages: number;
  redriven: number;
  stillFailing: number;
  records: number;
}

/** Returns the sequence numbers that failed again. */
export type ProjectRecords = (records: DynamoDBRecord[]) => Promise<string[]>;

export async function redrive(queue: DeadLetterQueue, reader: StreamRecordReader, project: ProjectRecords): Promise<RedriveSummary> {
  const summary: RedriveSummary = { messages: 0, redriven: 0, stillFailing: 0, records: 0 };
  const seen = new Set<string>();
  for (;;) {
    const batch = (await queue.receive(10)).filter((m) => !seen.has(m.id));
    if (batch.length === 0) return summary;
    for (const letter of batch) {
      seen.add(letter.id);
      summary.messages++;
      const records = await reader.read(letter.message.DDBStreamBatchInfo);
      summary.records += records.length;
      const failed = await project(records);
      if (failed.length === 0) {
        await queue.delete(letter.id);
        summary.redriven++;
      } else summary.stillFailing++;
    }
  }
}
