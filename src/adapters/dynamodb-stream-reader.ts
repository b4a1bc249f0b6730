import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamFailureMessage, StreamRecordReader } from '../app/ports';

/** Sequence numbers are decimal strings of up to 40 digits: compare them as big integers. */
const seqNum = (s: string | undefined): bigint => BigInt(s ?? '0');

/** Lambda hands numbers where the Streams API hands Dates; convert to Lambda's shape. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created
        ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) }
        : {}),
      Keys: d.Keys as never,
      NewImage: d.NewImage as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as never,
    },
  };
}

export class DynamoDbStreamReader implements StreamRecordReader<DynamoDBRecord> {
  constructor(private readonly streams: DynamoDBStreamsClient) {}

  async read(info: StreamFailureMessage['DDBStreamBatchInfo']): Promise<DynamoDBRecord[]> {
    const end = seqNum(info.endSequenceNumber);
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: info.streamArn,
        ShardId: info.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: info.startSequenceNumber,
      }),
    );
    const records: DynamoDBRecord[] = [];
    for (let iterator = ShardIterator, empty = 0; iterator && empty < 3;) {
      const out = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }),
      );
      for (const r of out.Records ?? []) {
        if (seqNum(r.dynamodb?.SequenceNumber) > end) return records;
        records.push(toLambdaRecord(r, info.streamArn));
      }
      empty = (out.Records ?? []).length === 0 ? empty + 1 : 0;
      iterator = out.NextShardIterator;
    }
    return records;
  }
}
