/**
 * npm run bench:load — synthetic articles through the whole local pipeline.
 *
 * Generates N articles (default 10,000; --articles N), uploads them to the local stack's S3 with
 * bounded concurrency, and reports end-to-end articles/s, upload-to-visible latency (p50/p99:
 * from the start of the upload until the projector has applied the article's extraction),
 * projector lag (commit recorded → projected), and peak RSS of the local runtime (this Node
 * process, which runs the handlers) and of DynamoDB Local's JVM.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBRecord } from 'aws-lambda';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, wholeNumber } from '../local/cli';
import { startLocalStack } from '../local/stack';
import type { StreamHandler } from '../local/stream-poller';
import { ARTICLES_PREFIX } from '../src/tables';
import { generateArticle } from './generator';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const values = cli(
  'npm run bench:load --',
  'Synthetic articles through the whole local pipeline: articles/s, upload-to-visible latency, projector lag, peak RSS.',
)
  .option('--articles <n>', 'synthetic articles to upload', wholeNumber(1), 10_000)
  .option('--concurrency <n>', 'uploads in flight at once', wholeNumber(1, 256), 16)
  .parse()
  .opts<{ articles: number; concurrency: number }>();
const N = values.articles;
const CONCURRENCY = values.concurrency;

const uploadStarted = new Map<string, number>();
const projectedAt = new Map<string, number>();
const lags: number[] = [];

/** Notes when each commit was applied, to measure visibility and lag without polling. */
const timed =
  (handler: StreamHandler): StreamHandler =>
  async (event, context) => {
    const response = await handler(event, context);
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    const now = Date.now();
    for (const r of event.Records as DynamoDBRecord[]) {
      if (failed.has(r.dynamodb?.SequenceNumber ?? '')) continue;
      const image = r.dynamodb?.NewImage as Record<string, { S?: string }> | undefined;
      const articleId = image?.articleId?.S;
      if (!articleId) continue;
      if (!projectedAt.has(articleId)) projectedAt.set(articleId, now);
      const recorded = Date.parse(image?.recordedAt?.S ?? '');
      if (Number.isFinite(recorded)) lags.push(now - recorded);
    }
    return response;
  };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

function jvmPeakRssMb(pid: number | undefined): number | null {
  const status =
    pid && existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

const stack = await startLocalStack({
  dataDir: null,
  apiPort: 0,
  decorateProjector: timed,
  ingestConcurrency: 4,
});
try {
  console.log(`generating ${N} synthetic articles…`);
  const articles = Array.from({ length: N }, (_, i) => generateArticle(i));
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);

  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < articles.length) {
        const a = articles[next++]!;
        const key = `${ARTICLES_PREFIX}${a.name}`;
        uploadStarted.set(key, Date.now());
        await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: a.text }));
      }
    }),
  );
  const uploadedMs = Date.now() - t0;
  console.log(
    `uploaded ${N} articles (${(bytes / 1e6).toFixed(1)} MB) in ${(uploadedMs / 1000).toFixed(1)} s; waiting for the pipeline…`,
  );
  await stack.settled();
  const doneMs = Date.now() - t0;

  const log = readFileSync(path.join(stack.dataDir, 'ingest-log.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { key: string; articleId?: string; outcome: string });
  const visible: number[] = [];
  const outcomes = new Map<string, number>();
  for (const entry of log) {
    outcomes.set(entry.outcome, (outcomes.get(entry.outcome) ?? 0) + 1);
    const start = uploadStarted.get(entry.key);
    const end = entry.articleId ? projectedAt.get(entry.articleId) : undefined;
    if (start !== undefined && end !== undefined && entry.outcome === 'ingested')
      visible.push(end - start);
  }
  const result = {
    articles: N,
    megabytes: bytes / 1e6,
    outcomes: Object.fromEntries(outcomes),
    endToEndSeconds: doneMs / 1000,
    articlesPerSecond: N / (doneMs / 1000),
    uploadToVisibleMs: {
      p50: percentile(visible, 50),
      p99: percentile(visible, 99),
      measured: visible.length,
    },
    projectorLagMs: {
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: Math.max(...lags),
    },
    peakRssMb: {
      localRuntime: process.resourceUsage().maxRSS / 1024,
      dynamoDbLocal: jvmPeakRssMb(stack.dynamoDbLocal.process.pid),
    },
    deadLetters: stack.deadLetters.count(),
  };
  const out = path.join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'load.json'), JSON.stringify(result, null, 2));

  console.log(`\nLoad: ${N} synthetic articles through the local stack\n`);
  console.log('| measure | value |');
  console.log('| --- | --- |');
  console.log(`| outcomes | ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')} |`);
  console.log(
    `| end to end | ${result.endToEndSeconds.toFixed(1)} s, ${result.articlesPerSecond.toFixed(1)} articles/s |`,
  );
  console.log(
    `| upload → visible | p50 ${(result.uploadToVisibleMs.p50 / 1000).toFixed(2)} s, p99 ${(result.uploadToVisibleMs.p99 / 1000).toFixed(2)} s (${visible.length} articles) |`,
  );
  console.log(
    `| projector lag (recorded → projected) | p50 ${result.projectorLagMs.p50} ms, p99 ${result.projectorLagMs.p99} ms, max ${result.projectorLagMs.max} ms |`,
  );
  console.log(
    `| peak RSS | local runtime ${result.peakRssMb.localRuntime.toFixed(0)} MB, DynamoDB Local ${result.peakRssMb.dynamoDbLocal?.toFixed(0) ?? '?'} MB |`,
  );
  console.log(`| dead letters | ${result.deadLetters} |\n`);
} finally {
  await stack.stop();
}
