/**
 * Bulk work on one DynamoDB table, shared by the view store and its versions: batches of 25
 * writes a few at a time, retrying what DynamoDB leaves unprocessed, and a Scan read in parallel
 * segments.
 */
import {
  BatchWriteCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** DynamoDB takes at most 25 writes in one BatchWriteItem. */
const BATCH = 25;
/** Batches in flight at once: enough to hide a round trip, few enough not to be throttled. */
export const WRITE_CONCURRENCY = 8;

export const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * Every request written, unconditionally; an error if DynamoDB keeps refusing some. Requests are
 * taken from `requests` 25 at a time as batches go out, so a generator's items are built while
 * earlier batches are in flight rather than all before the first.
 */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: Iterable<Record<string, unknown>>,
  concurrency = WRITE_CONCURRENCY,
): Promise<void> {
  const source = requests[Symbol.iterator]();
  const nextBatch = (): Record<string, unknown>[] => {
    const batch: Record<string, unknown>[] = [];
    for (let r = source.next(); !r.done; r = source.next())
      if (batch.push(r.value) === BATCH) break;
    return batch;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let batch = nextBatch(); batch.length > 0; batch = nextBatch())
        await writeBatch(doc, tableName, batch);
    }),
  );
}

async function writeBatch(
  doc: DynamoDBDocumentClient,
  tableName: string,
  batch: Record<string, unknown>[],
): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (out.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    if (attempt > 10 && pending.length > 0)
      throw new Error(`DynamoDB left ${pending.length} writes unprocessed after retries`);
  }
}

/** Every page of a Scan, its segments read in parallel, each page handed to `onPage` as it comes. */
export async function scanAll(
  doc: DynamoDBDocumentClient,
  input: Omit<ScanCommandInput, 'Segment' | 'TotalSegments' | 'ExclusiveStartKey'>,
  segments: number,
  onPage: (items: Record<string, unknown>[]) => Promise<void> | void,
): Promise<void> {
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({
            ...input,
            ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
            ExclusiveStartKey: start,
          }),
        );
        await onPage(page.Items ?? []);
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
}
