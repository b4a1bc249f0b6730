/**
 * `npm run ingest -- <files or folders...> [--bucket NAME] [--published-at D] [--source-url U] [--title T]`
 *
 * Uploads article files under articles/ of the running local stack (found through the stack
 * file it writes) the way the dashboard does, as its dev uploader: a signed PUT from the API per
 * file. With --bucket, straight to a bucket on AWS with the standard AWS credential chain.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { s3Metadata } from '../src/adapters/s3-uploads';
import type { UploadMetadata } from '../src/domain/extractor/types';
import { inParallel } from '../src/app/parallel';
import { printable } from '../src/app/printable';
import { ARTICLES_PREFIX } from '../src/tables';
import { publishedAtField, sourceUrlField, titleField } from '../src/api/upload-fields';
import { checkedBy, cli, usageError, wholeNumber } from './cli';
import { findLocalStack } from './find-stack';
import { INGEST_LOG, type StackInfo } from './stack';
import { Presets, SingleBar } from 'cli-progress';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json',
};

/** Expands folders (recursively) into the files they hold, skipping hidden ones. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort())
        if (!entry.startsWith('.')) visit(path.join(p, entry));
    } else if (stat.isFile()) files.push(p);
  };
  for (const p of paths) visit(p);
  return files;
}

const program = cli(
  'npm run ingest --',
  "Upload article files under articles/ of the running local stack (or of a bucket on AWS with --bucket), then wait for each one's outcome and summarise them.",
)
  .argument('<paths...>', 'article files, or folders (walked recursively, hidden files skipped)')
  .option('--bucket <name>', 'upload to this S3 bucket on AWS (standard credential chain)')
  .option(
    '--published-at <date>',
    'publication date (YYYY, YYYY-MM or YYYY-MM-DD)',
    checkedBy(publishedAtField()),
  )
  .option('--source-url <url>', 'where the article was published', checkedBy(sourceUrlField()))
  .option('--title <text>', "the article's title", checkedBy(titleField()))
  .option('--concurrency <n>', 'uploads in flight at once (1-64)', wholeNumber(1, 64), 8)
  .addHelpText(
    'after',
    `
Exit status: 0 when every file was ingested (or was a duplicate of an article already held);
1 when any file was rejected, failed or is still pending; 2 when the command line was not
understood. Ends with the dashboard URL of the results.`,
  );

function parseCli() {
  program.parse();
  const positionals = program.args;
  const values = program.opts<{
    bucket?: string;
    publishedAt?: string;
    sourceUrl?: string;
    title?: string;
    concurrency: number;
  }>();
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) usageError(program, `no such file or folder: ${missing.join(', ')}`);
  return { values, positionals };
}

type CliOptions = ReturnType<typeof parseCli>['values'];

/** Sends one file's bytes to its key under articles/; throws with a reason when it cannot. */
type Send = (file: string, key: string) => Promise<void>;

const contentTypeOf = (file: string) =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** To a bucket on AWS, with the standard credential chain: a plain PutObject. */
function bucketSender(bucket: string, fields: UploadMetadata): Send {
  const s3 = new S3Client({});
  return async (file, key) => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: readFileSync(file),
        ContentType: contentTypeOf(file),
        Metadata: s3Metadata(fields),
      }),
    );
  };
}

/**
 * To the running local stack, the way the dashboard uploads: as the dev uploader, ask the API for
 * a signed PUT of the file's size, then PUT the bytes to the local S3 server.
 */
function stackSender(stack: StackInfo, fields: UploadMetadata): Send {
  return async (file) => {
    const bytes = readFileSync(file);
    const res = await fetch(`${stack.apiUrl}/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tokens.uploader}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        files: [{ name: path.basename(file), size: bytes.length, type: contentTypeOf(file) }],
        ...fields,
      }),
    });
    const answer = (await res.json().catch(() => ({}))) as {
      detail?: string;
      uploads?: { url: string; headers: Record<string, string> }[];
    };
    if (!res.ok || !answer.uploads?.[0])
      throw new Error(`the API refused the upload (${res.status}): ${answer.detail ?? ''}`);
    const grant = answer.uploads[0];
    const put = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: bytes });
    if (!put.ok) throw new Error(`the bucket refused the upload (${put.status})`);
  };
}

/** The bucket named by --bucket on AWS, else the running local stack. */
function target(values: CliOptions): { send: Send; where: string; stack: StackInfo | null } {
  const fields: UploadMetadata = {
    ...(values.publishedAt ? { publishedAt: values.publishedAt } : {}),
    ...(values.sourceUrl ? { sourceUrl: values.sourceUrl } : {}),
    ...(values.title ? { title: values.title } : {}),
  };
  if (values.bucket)
    return {
      send: bucketSender(values.bucket, fields),
      where: `s3://${values.bucket}/${ARTICLES_PREFIX}`,
      stack: null,
    };
  const stack = findLocalStack(path.resolve(import.meta.dirname, '..'));
  if (!stack) {
    console.error(
      'no local stack is running: start it with `npm start` (or pass --bucket NAME for a bucket on AWS)',
    );
    process.exit(1);
  }
  return { send: stackSender(stack, fields), where: `${stack.apiUrl} (local)`, stack };
}

/** Sends every file under articles/; returns the files that failed. */
async function uploadAll(files: string[], send: Send, concurrency: number): Promise<string[]> {
  const progress = new Progress(files.length, 'uploaded');
  const failed: string[] = [];
  await inParallel(files, concurrency, async (file) => {
    try {
      await send(file, `${ARTICLES_PREFIX}${path.basename(file)}`);
    } catch (error) {
      failed.push(file);
      progress.note(
        printable(
          `failed to upload ${file}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    progress.tick(file);
  });
  progress.stop();
  return failed;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli();
  const { send, where, stack } = target(values);

  const files = collectFiles(positionals);
  const keys = new Map(files.map((f) => [`${ARTICLES_PREFIX}${path.basename(f)}`, f]));
  if (keys.size < files.length)
    console.warn(
      `note: ${files.length - keys.size} files share a name with another and overwrite it under ${ARTICLES_PREFIX}`,
    );
  const startedAt = Date.now();
  const failed = await uploadAll(files, send, values.concurrency);
  console.log(`${files.length - failed.length} uploaded to ${where}, ${failed.length} failed`);

  const allGood = stack
    ? await summarise(
        stack,
        new Set([...keys.keys()].filter((k) => !failed.includes(keys.get(k)!))),
        startedAt,
      )
    : (console.log(
        "the ingest Lambda processes them now; see the dashboard's Articles for their outcome",
      ),
      true);
  if (failed.length || !allGood) process.exitCode = 1;
}

interface Outcome {
  key: string;
  articleId?: string;
  outcome: 'ingested' | 'rejected' | 'duplicate' | 'redelivered' | 'failed';
  reason?: string;
  at: string;
}

/** The outcomes of these uploads the ingest log holds, since the upload started. */
function loggedOutcomes(log: string, keys: Set<string>, since: number): Outcome[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line)
    .map((line) => JSON.parse(line) as Outcome)
    .filter((o) => keys.has(o.key) && Date.parse(o.at) >= since - 1000);
}

/**
 * Waits for the local stack's outcome of each upload, prints what became of them and where the
 * dashboard shows them; true when every one was ingested or was a duplicate.
 */
async function summarise(stack: StackInfo, keys: Set<string>, since: number): Promise<boolean> {
  const log = path.join(stack.dataDir, INGEST_LOG);
  const outcomes = new Map<string, Outcome>();
  const progress = new Progress(keys.size, 'processed');
  const deadline = Date.now() + Math.max(60_000, keys.size * 200);
  while (outcomes.size < keys.size && Date.now() < deadline) {
    for (const o of loggedOutcomes(log, keys, since)) {
      if (outcomes.has(o.key)) continue;
      outcomes.set(o.key, o);
      progress.tick(o.key);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  progress.stop();
  const all = [...outcomes.values()];
  const pending = keys.size - outcomes.size;
  printSummary(all, pending);
  console.log(`results: ${resultsUrl(stack.apiUrl, all)}`);
  return pending === 0 && all.every((o) => ['ingested', 'duplicate'].includes(verdictOf(o)));
}

/** The dashboard page that shows these outcomes: the one article, or the rejected, or all. */
function resultsUrl(apiUrl: string, outcomes: Outcome[]): string {
  const ids = new Set(outcomes.flatMap((o) => (o.articleId ? [o.articleId] : [])));
  if (ids.size === 1) return `${apiUrl}/#article/${encodeURIComponent([...ids][0]!)}`;
  if (outcomes.some((o) => verdictOf(o) === 'rejected'))
    return `${apiUrl}/#articles?status=rejected`;
  return `${apiUrl}/#articles`;
}

/**
 * What an outcome means for the person uploading: the same bytes again (a duplicate) of a file
 * that was rejected is rejected too, for the same reason.
 */
const verdictOf = (o: Outcome): 'ingested' | 'duplicate' | 'rejected' | 'failed' =>
  o.outcome === 'failed' || o.outcome === 'rejected'
    ? o.outcome
    : o.reason
      ? 'rejected'
      : o.outcome === 'ingested'
        ? 'ingested'
        : 'duplicate';

function printSummary(outcomes: Outcome[], pending: number): void {
  const count = (k: ReturnType<typeof verdictOf>) =>
    outcomes.filter((o) => verdictOf(o) === k).length;
  console.log(
    `ingested ${count('ingested')}, duplicates ${count('duplicate')}, rejected ${count('rejected')}, failed ${count('failed')}` +
      (pending > 0 ? `, still pending ${pending}` : ''),
  );
  const reasons = new Map<string, number>();
  for (const o of outcomes)
    if (verdictOf(o) === 'rejected' || verdictOf(o) === 'failed')
      reasons.set(o.reason ?? 'unknown', (reasons.get(o.reason ?? 'unknown') ?? 0) + 1);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
    console.log(`  ${printable(reason)}: ${n}`);
}

/** A progress bar with rate and ETA on a terminal; plain lines (every 10 %) when piped. */
class Progress {
  private done = 0;
  private readonly bar: SingleBar | null;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly verb: string,
  ) {
    this.bar =
      process.stdout.isTTY && total > 1
        ? new SingleBar(
            {
              format: `${verb} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted}`,
              hideCursor: true,
            },
            Presets.shades_classic,
          )
        : null;
    this.bar?.start(total, 0, { rate: '0.0' });
  }

  tick(item: string): void {
    this.done++;
    const rate = (this.done / Math.max(0.001, (Date.now() - this.started) / 1000)).toFixed(1);
    if (this.bar) this.bar.update(this.done, { rate });
    else if (
      this.total <= 20 ||
      this.done % Math.ceil(this.total / 10) === 0 ||
      this.done === this.total
    )
      console.log(
        `[${this.done}/${this.total}] ${this.verb} ${this.total <= 20 ? printable(item) : ''} (${rate}/s)`.replace(
          / +\(/,
          ' (',
        ),
      );
  }

  note(line: string): void {
    console.error(this.bar ? `\n${line}` : line);
  }

  stop(): void {
    this.bar?.stop();
  }
}

await main();
