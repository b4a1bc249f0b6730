/**
 * npm run bench:store — the event store and rebuild on DynamoDB Local.
 *
 *  1. append latency of appendToStream (one conditional commit item) against a bare conditional
 *     PutItem of the same size, and against the alternative design (TransactWriteItems: one item
 *     per event plus a conditional stream-head update);
 *  2. rebuild over 100,000 events, into a new version beside the live one (which an untimed first
 *     rebuild made, so the drop after the switch deletes a whole version), against its floor: a
 *     bare Scan of the events table (in as many parallel segments as the rebuild reads) plus a
 *     bare BatchWrite of the same view items (the ones the rebuild wrote, 25 a batch, as many
 *     batches in flight as the rebuild has), measured before and after the rebuild and averaged;
 *     the time until readers switch is the rebuild's, the old version's drop is reported apart;
 *  3. peak RSS of this process.
 *
 * Options: --appends N (default 500), --events N (default 100000).
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, wholeNumber } from '../local/cli';
import { eventsTableDefinition, viewsTableDefinition } from '../local/tables';
import { freePort, startDynamoDbLocal } from '../local/services';
import { LOCAL_CREDENTIALS } from '../local/composition';
import { commitToItem } from '../src/adapters/commit-item';
import { DynamoDbEventStore } from '../src/adapters/dynamodb-event-store';
import { batchWriteAll, scanAll } from '../src/adapters/dynamodb-batch';
import { DynamoDbViewVersions } from '../src/adapters/dynamodb-view-versions';
import { buildCommit, type Commit } from '../src/domain/commit';
import { decide, initialState } from '../src/domain/article';
import type { ExtractedArticle } from '../src/domain/extractor/types';
import { streamIdOf } from '../src/domain/ids';
import { rebuildViews, REBUILD_SEGMENTS, type RebuildProgress } from '../src/app/rebuild';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const values = cli(
  'npm run bench:store --',
  'The event store and rebuild on DynamoDB Local: append latency against a bare PutItem and a transaction, rebuild against a bare Scan plus a bare BatchWrite of its items, peak RSS.',
)
  .option('--appends <n>', 'appends timed', wholeNumber(1), 500)
  .option('--events <n>', 'events rebuilt from', wholeNumber(1), 100_000)
  .parse()
  .opts<{ appends: number; events: number }>();
const APPENDS = values.appends;
const TOTAL_EVENTS = values.events;

const DONORS = [
  'WHO',
  'UNICEF',
  'China',
  'Russia',
  'Japan',
  'European Union',
  'United States',
  'World Bank',
];
const RECIPIENTS = ['North Korea', 'Haiti', 'Pakistan', 'Malawi', 'Yemen', 'Peru'];
const METRICS = ['tested', 'confirmed', 'deaths', 'recovered', 'fever'] as const;

/** A realistic extraction: 8 facts (3 aid flows, 3 case counts, 2 happenings) with evidence. */
function syntheticArticle(i: number): ExtractedArticle {
  const sentence = (s: string) => ({ sentence: s, start: 0, end: s.length });
  const donor = DONORS[i % DONORS.length]!,
    recipient = RECIPIENTS[i % RECIPIENTS.length]!;
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    kind: 'extracted',
    extractorVersion: 'bench',
    title: `${donor} aid to ${recipient}, report ${i}`,
    url: `https://example.org/news/${i}`,
    publishedAt: `2022-${month}-15`,
    format: 'text',
    language: 'en',
    text: '',
    aidFlows: ['shipped', 'delivered', 'pledged'].map((status, k) => ({
      donor: DONORS[(i + k) % DONORS.length]!,
      recipient,
      items: ['vaccines', 'test kits'],
      quantity: { value: 1000 * (1 + ((i * 7 + k) % 50)), unit: 'doses' },
      status: status as 'shipped',
      route: ['Dalian'],
      date: `2022-${month}`,
      disease: 'covid-19',
      attribution: null,
      evidence: sentence(
        `${donor} said it had ${status} ${1000 * (1 + (i % 50))} vaccine doses and test kits to ${recipient} via Dalian in month ${month}.`,
      ),
      confidence: 0.8,
    })),
    caseCounts: METRICS.slice(0, 3).map((metric, k) => ({
      location: recipient,
      metric,
      value: 100 * (1 + ((i * 13 + k) % 400)),
      qualifier: 'exact' as const,
      asOf: `2022-${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
      disease: 'covid-19',
      period: 'cumulative' as const,
      attribution: { by: 'Ministry of Health', kind: 'official' as const },
      evidence: sentence(
        `Health officials in ${recipient} reported ${100 * (1 + (i % 400))} people ${metric} as of the ${1 + (i % 28)}th.`,
      ),
      confidence: 0.9,
    })),
    timeline: [0, 1].map((k) => ({
      date: `2022-${month}-${String(1 + ((i + k) % 28)).padStart(2, '0')}`,
      type: 'aid' as const,
      summary: `${DONORS[(i + k) % DONORS.length]} aid reaches ${recipient}`,
      subjects: [DONORS[(i + k) % DONORS.length]!, recipient],
      attribution: null,
      evidence: sentence(
        `On that day the first consignment from ${DONORS[(i + k) % DONORS.length]} reached ${recipient}.`,
      ),
      confidence: 0.7,
    })),
  };
}

function syntheticCommit(i: number, tag: string): Commit {
  const articleId = `${tag}${String(i).padStart(8, '0')}`;
  const outcome = syntheticArticle(i);
  const { aidFlows, caseCounts, timeline, kind: _kind, ...article } = outcome;
  const events = decide(
    {
      type: 'RecordUpload',
      articleId,
      upload: {
        correlation: { bucket: 'bench', key: `articles/${articleId}.txt`, versionId: null },
        fileName: `${articleId}.txt`,
        contentType: 'text/plain',
        size: 4000,
        contentSha256: articleId,
        receivedAt: '2022-06-01T00:00:00.000Z',
      },
      article: {
        ...article,
        kind: 'prepared',
        datelines: [],
        stated: { title: article.title, url: article.url, publishedAt: article.publishedAt },
        warnings: [],
      },
      textKey: `text/${articleId}.txt`,
      present: true,
      findFacts: () => ({ aidFlows, caseCounts, timeline }),
    },
    initialState(),
  );
  return buildCommit({
    streamId: streamIdOf(articleId),
    articleId,
    expectedVersion: 0,
    events,
    recordedAt: '2022-06-01T00:00:00.000Z',
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function timeEach(n: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  return times;
}

const port = await freePort();
const ddbLocal = await startDynamoDbLocal({ port, dbPath: null });
try {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: ddbLocal.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  for (const def of [
    eventsTableDefinition('events'),
    eventsTableDefinition('bare'),
    eventsTableDefinition('txn'),
    viewsTableDefinition('views'),
    viewsTableDefinition('floor'),
    viewsTableDefinition('floor2'),
  ]) {
    await client.send(new CreateTableCommand(def));
  }
  const store = new DynamoDbEventStore(client, 'events');

  // 1. Append latency, after a warm-up so the JVM's JIT does not count against the first design.
  const warm = Array.from({ length: 100 }, (_, i) => syntheticCommit(i, 'warm'));
  for (const c of warm) await store.appendToStream(c);
  const commits = Array.from({ length: APPENDS }, (_, i) => syntheticCommit(i, 'app'));
  const itemBytes = Buffer.byteLength(JSON.stringify(commitToItem(commits[0]!)));
  const bareItems = commits.map((c) =>
    marshall({ ...commitToItem(c), streamId: `bare-${c.streamId}` }),
  );
  // The alternative: each event its own item, plus a head item whose version is the condition.
  const transaction = (c: Commit) =>
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: 'txn',
            Item: marshall({ streamId: `tx-${c.streamId}`, version: 0, head: c.events.length }),
            ConditionExpression: 'attribute_not_exists(streamId)',
          },
        },
        ...c.events.map((e, k) => ({
          Put: {
            TableName: 'txn',
            Item: marshall({
              streamId: `tx-${c.streamId}`,
              version: k + 1,
              event: JSON.stringify(e),
            }),
          },
        })),
      ],
    });
  // Interleaved, so the three designs see the same JVM and cache state.
  const appendTimes: number[] = [],
    bareTimes: number[] = [],
    txTimes: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    appendTimes.push(...(await timeEach(1, () => store.appendToStream(commits[i]!))));
    bareTimes.push(
      ...(await timeEach(1, () =>
        client.send(
          new PutItemCommand({
            TableName: 'bare',
            Item: bareItems[i]!,
            ConditionExpression: 'attribute_not_exists(streamId)',
          }),
        ),
      )),
    );
    txTimes.push(...(await timeEach(1, () => client.send(transaction(commits[i]!)))));
  }

  // 2. Rebuild over TOTAL_EVENTS events, against a bare Scan of the same table and its floor.
  const perCommit = commits[0]!.events.length;
  const nCommits = Math.ceil(TOTAL_EVENTS / perCommit);
  const doc = DynamoDBDocumentClient.from(client);
  for (let i = 0; i < nCommits; i += 25) {
    const chunk = Array.from({ length: Math.min(25, nCommits - i) }, (_, k) =>
      syntheticCommit(i + k, 'rb'),
    );
    let pending: Record<string, unknown>[] = chunk.map((c) => ({
      PutRequest: { Item: commitToItem(c) },
    }));
    while (pending.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { events: pending } }));
      pending = (out.UnprocessedItems?.events ?? []) as Record<string, unknown>[];
    }
  }
  const totalCommits = nCommits + APPENDS + warm.length;
  const totalEvents = totalCommits * perCommit;

  // A bare Scan in one sequence of pages, as this bench measured rebuilds against before.
  const timed = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  let scanned = 0;
  const scanMs = await timed(async () => {
    for (
      let start: Record<string, AttributeValue> | undefined, first = true;
      first || start;
      first = false
    ) {
      const out = await client.send(
        new ScanCommand({
          TableName: 'events',
          ExclusiveStartKey: start,
          Limit: 1000,
          ConsistentRead: true,
        }),
      );
      scanned += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    }
  });
  const versions = new DynamoDbViewVersions(client, 'views');
  const rebuild = async () => {
    const steps: Partial<Record<RebuildProgress['step'], number>> = {};
    const start = performance.now();
    const result = await rebuildViews({
      events: store,
      versions,
      now: () => new Date().toISOString(),
      progress: (p) => {
        steps[p.step] = performance.now() - start;
      },
    });
    return { result, steps, totalMs: performance.now() - start };
  };
  // A first rebuild, untimed, makes the live version the timed one replaces (so its drop has a
  // whole version to delete) and the view items the floor writes.
  await rebuild();
  const viewItems: Record<string, unknown>[] = [];
  await scanAll(doc, { TableName: 'views' }, REBUILD_SEGMENTS, (items) => {
    viewItems.push(...items.filter((i) => i.pk !== '#POINTER'));
  });
  // The floor before and after the timed rebuild, averaged, so a change of load on a shared
  // machine weighs on both alike.
  const floorRun = async (table: string) => ({
    scanMs: await timed(() =>
      scanAll(
        doc,
        { TableName: 'events', Limit: 1000, ConsistentRead: true },
        REBUILD_SEGMENTS,
        () => undefined,
      ),
    ),
    batchWriteMs: await timed(() =>
      batchWriteAll(
        doc,
        table,
        viewItems.map((Item) => ({ PutRequest: { Item } })),
      ),
    ),
  });
  const before = await floorRun('floor');
  const { result: rebuilt, steps, totalMs } = await rebuild();
  const after = await floorRun('floor2');
  const segmentedScanMs = (before.scanMs + after.scanMs) / 2;
  const batchWriteMs = (before.batchWriteMs + after.batchWriteMs) / 2;
  const floorMs = segmentedScanMs + batchWriteMs;
  const rebuildMs = steps.switched!;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const result = {
    appends: APPENDS,
    commitItemBytes: itemBytes,
    eventsPerCommit: perCommit,
    append: { p50: percentile(appendTimes, 50), p99: percentile(appendTimes, 99) },
    barePut: { p50: percentile(bareTimes, 50), p99: percentile(bareTimes, 99) },
    transactWrite: { p50: percentile(txTimes, 50), p99: percentile(txTimes, 99) },
    rebuild: {
      events: rebuilt.events,
      commits: rebuilt.commits,
      viewItems: rebuilt.items,
      ms: rebuildMs,
      filledMs: steps.filled,
      caughtUpMs: steps['caught-up'],
      dropMs: totalMs - rebuildMs,
      dropped: rebuilt.dropped,
      eventsPerSecond: (rebuilt.events / rebuildMs) * 1000,
    },
    bareScan: { items: scanned, ms: scanMs, eventsPerSecond: (totalEvents / scanMs) * 1000 },
    floor: {
      segments: REBUILD_SEGMENTS,
      runs: [before, after],
      scanMs: segmentedScanMs,
      batchWriteItems: viewItems.length,
      batchWriteMs,
      ms: floorMs,
    },
    rebuildToFloor: rebuildMs / floorMs,
    peakRssMb,
  };
  const out = path.join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'store.json'), JSON.stringify(result, null, 2));

  console.log(
    `\nEvent store on DynamoDB Local (${APPENDS} appends of ${perCommit}-event commits, ${itemBytes} B each)\n`,
  );
  console.log('| operation | p50 | p99 | p50 ratio to bare PutItem |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| appendToStream (one conditional commit item) | ${fmt(result.append.p50)} | ${fmt(result.append.p99)} | ${(result.append.p50 / result.barePut.p50).toFixed(2)} |`,
  );
  console.log(
    `| bare conditional PutItem, same size | ${fmt(result.barePut.p50)} | ${fmt(result.barePut.p99)} | 1.00 |`,
  );
  console.log(
    `| TransactWriteItems, item per event + head | ${fmt(result.transactWrite.p50)} | ${fmt(result.transactWrite.p99)} | ${(result.transactWrite.p50 / result.barePut.p50).toFixed(2)} |`,
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\nRebuild of ${rebuilt.events} events (${rebuilt.commits} commits) into a new version of ${rebuilt.items} view items, until readers switch: ${s(rebuildMs)} (filled ${s(steps.filled!)}, caught up ${s(steps['caught-up']! - steps.filled!)}), ${Math.round(result.rebuild.eventsPerSecond)} events/s`,
  );
  console.log(
    `Then the old version dropped (${rebuilt.dropped ?? 'failed'} items, after the readers' 5 s grace): ${s(totalMs - rebuildMs)}`,
  );
  console.log(
    `Bare Scan of the events table (${scanned} items): ${s(scanMs)} in one sequence of pages, ${s(segmentedScanMs)} in ${REBUILD_SEGMENTS} parallel segments`,
  );
  console.log(
    `Bare BatchWrite of the same ${viewItems.length} view items: ${s(batchWriteMs)}; floor (segmented Scan + BatchWrite, mean of a run before and one after the rebuild): ${s(floorMs)}`,
  );
  console.log(
    `Rebuild time / floor: ${(rebuildMs / floorMs).toFixed(2)} (target ≤ 1.5); rebuild time / bare Scan alone: ${(rebuildMs / scanMs).toFixed(1)}`,
  );
  console.log(`Peak RSS: ${peakRssMb.toFixed(0)} MB\n`);
} finally {
  await ddbLocal.stop();
}
