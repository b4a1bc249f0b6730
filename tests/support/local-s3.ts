/** Helpers for the tests of the local S3 server and the stack around it. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { INGEST_LOG } from '../../local/stack';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import type { IngestResult } from '../../src/app/ingest';
import type { LedgerEvent } from '../../src/domain/events';

/** Every event in the event store, in commit order. */
export async function allEvents(dynamo: DynamoDBClient, table: string): Promise<LedgerEvent[]> {
  const store = new DynamoDbEventStore(dynamo, table);
  const events: LedgerEvent[] = [];
  for (let cursor: string | null = null; ;) {
    const page = await store.readAll(cursor, 500);
    for (const c of page.items) events.push(...c.events);
    if (!(cursor = page.next)) return events;
  }
}

/** The ingest log's lines: one per ingest outcome. */
export function ingestLog(dataDir: string): (IngestResult & { at: string })[] {
  const file = path.join(dataDir, INGEST_LOG);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as IngestResult & { at: string });
}

/** The java processes (DynamoDB Local) this process started and that are still running. */
export function javaChildren(): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
      encoding: 'utf8',
    });
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'java')
    .map(([pid]) => Number(pid));
}
