/**
 * npm run bench:api — the query API under load, unfiltered and filtered, against a bare route
 * doing one DynamoDB Query.
 *
 * Starts a local stack in this process (DynamoDB Local, the local S3 server, the same handlers),
 * ingests N synthetic articles through S3 (default 300; --articles N), then drives each route
 * with autocannon (50 connections, --duration seconds each after a 2 s warm-up, load generated in
 * worker threads) and prints p50/p99 latency and requests/s of the first page (the default 100
 * entries) of /timeline and /case-counts three ways: unfiltered; with a filter nothing matches
 * (the worst case: no index can answer it, so it reads its whole bounded budget — free text
 * `q=zzzz` on the timeline; on case counts, which take no free text, the partition of one metric
 * tested for a period the synthetic articles never give: `metric=confirmed&period=new`); and with a selective filter served by an index (one
 * country, and for case counts a country and a
 * metric). Each filtered row gives its p99 as a multiple of the unfiltered one (target ≤ 1.5).
 * A bare route over the same node:http → API Gateway event translation does only the Query the
 * API does for the unfiltered page (the list index, 101 items) and returns the raw items: the
 * floor that parsing, filtering, paging, serialising and the ETag add to.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, wholeNumber } from '../local/cli';
import { serveHttp } from '../local/http-server';
import { startLocalStack } from '../local/stack';
import { DEFAULT_LIMIT } from '../src/api/schemas';
import type { ViewName } from '../src/domain/facts';
import { ARTICLES_PREFIX, VIEWS_TABLE } from '../src/tables';
import { generateArticle } from './generator';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const values = cli(
  'npm run bench:api --',
  'The query API under load on its own local stack, unfiltered and filtered, next to a bare route doing one DynamoDB Query.',
)
  .option('--articles <n>', 'synthetic articles to ingest first', wholeNumber(1), 300)
  .option('--duration <s>', 'seconds of load per route', wholeNumber(1), 10)
  .option('--connections <n>', 'concurrent connections', wholeNumber(1, 1000), 50)
  .parse()
  .opts<{ articles: number; duration: number; connections: number }>();
const N = values.articles,
  DURATION = values.duration,
  CONNECTIONS = values.connections;

interface Row {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

/**
 * Each route with a filter that matches nothing after reading its whole budget, and one an index
 * serves that keeps a small share of its entries.
 */
const ROUTES = [
  { route: '/timeline', noMatch: 'q=zzzz', selective: 'location=haiti' },
  {
    route: '/case-counts',
    noMatch: 'metric=confirmed&period=new',
    selective: 'location=haiti&metric=deaths',
  },
];

const stack = await startLocalStack({ dataDir: null, apiPort: 0 });
try {
  console.log(`ingesting ${N} synthetic articles…`);
  for (let i = 0; i < N; i += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, N - i) }, (_, j) => {
        const a = generateArticle(i + j);
        return stack.s3.send(
          new PutObjectCommand({
            Bucket: stack.bucket,
            Key: `${ARTICLES_PREFIX}${a.name}`,
            Body: a.text,
          }),
        );
      }),
    );
  }
  await stack.settled();

  const doc = DynamoDBDocumentClient.from(stack.dynamo);
  const bare = await serveHttp(async (event) => {
    const view = (event.queryStringParameters?.view ?? 'timeline') as ViewName;
    const out = await doc.send(
      new QueryCommand({
        TableName: stack.viewsTable,
        IndexName: VIEWS_TABLE.listIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': VIEWS_TABLE.listIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': view },
        Limit: DEFAULT_LIMIT + 1,
      }),
    );
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(out.Items ?? []),
    };
  }, 0);
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;

  const counts = Object.fromEntries(
    await Promise.all(
      ['/timeline', '/case-counts', '/aid-flows', '/articles'].map(async (r) => {
        let n = 0;
        for (let cursor: string | null = null; ;) {
          const page = (await (
            await fetch(`${stack.apiUrl}${r}?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
              headers: { authorization: `Bearer ${stack.tokens.reader}` },
            })
          ).json()) as { items: unknown[]; next: string | null };
          n += page.items.length;
          if (!(cursor = page.next)) return [r, n] as const;
        }
      }),
    ),
  );
  console.log(
    `views: ${counts['/articles']} articles, ${counts['/timeline']} timeline entries, ${counts['/case-counts']} case counts, ${counts['/aid-flows']} aid flows`,
  );

  const run = async (name: string, url: string): Promise<Row> => {
    await autocannon({ url, connections: CONNECTIONS, duration: 2, workers: 2 });
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, workers: 2 });
    if (r.non2xx || r.errors || r.timeouts)
      throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    console.log(`  ${name}: p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s`);
    return {
      name,
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      requests: r.requests.total,
    };
  };

  console.log(
    `\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per route after a 2 s warm-up`,
  );
  const groups: { route: string; rows: Row[] }[] = [];
  for (const { route, noMatch, selective } of ROUTES) {
    const rows = [
      await run(`GET ${route}`, `${stack.apiUrl}${route}`),
      await run(`GET ${route}?${noMatch} (no match)`, `${stack.apiUrl}${route}?${noMatch}`),
      await run(`GET ${route}?${selective} (selective)`, `${stack.apiUrl}${route}?${selective}`),
    ];
    groups.push({ route, rows });
  }
  const bareRows = [
    await run('bare Query (timeline list)', `${bareUrl}/?view=timeline`),
    await run('bare Query (case-count list)', `${bareUrl}/?view=caseCounts`),
  ];
  bare.close();

  const out = path.join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'api.json'),
    JSON.stringify(
      {
        articles: N,
        counts,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        groups,
        bare: bareRows,
      },
      null,
      2,
    ),
  );

  console.log(
    `\nQuery API on the local stack (${N} articles; first page of ${DEFAULT_LIMIT} entries)\n`,
  );
  console.log('| route | p50 ms | p99 ms | req/s | p99 ÷ unfiltered p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const { rows } of groups)
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${(r.p99 / rows[0]!.p99).toFixed(2)} |`,
      );
  for (const r of bareRows)
    console.log(`| ${r.name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | |`);
  console.log(`\nwritten to ${path.relative(process.cwd(), path.join(out, 'api.json'))}`);
} finally {
  await stack.stop();
}
