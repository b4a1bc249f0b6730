/**
 * `npm run ingest -- <files or folders...> [--bucket NAME] [--published-at D] [--source-url U] [--title T]`
 *
 * Uploads article files under articles/ of the running local stack's bucket (found through the
 * stack file it writes), or of a real bucket with --bucket and the standard AWS credential chain.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { METADATA_KEYS } from '../shared/adapters/s3-object-store';
import { ARTICLES_PREFIX } from '../shared/tables';
import { findLocalStack } from './find-stack';
import { LOCAL_CREDENTIALS } from './stack';

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
      for (const entry of readdirSync(p).sort()) if (!entry.startsWith('.')) visit(path.join(p, entry));
    } else if (stat.isFile()) files.push(p);
  };
  for (const p of paths) visit(p);
  return files;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      bucket: { type: 'string' },
      'published-at': { type: 'string' },
      'source-url': { type: 'string' },
      title: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  if (positionals.length === 0) {
    console.error('usage: npm run ingest -- <files or folders...> [--bucket NAME] [--published-at YYYY-MM-DD] [--source-url URL] [--title TEXT]');
    process.exit(2);
  }
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(`no such file or folder: ${missing.join(', ')}`);
    process.exit(2);
  }

  let s3: S3Client, bucket: string, apiUrl: string | null = null;
  if (values.bucket) {
    s3 = new S3Client({});
    bucket = values.bucket;
  } else {
    const stack = findLocalStack(path.resolve(import.meta.dirname, '..'));
    if (!stack) {
      console.error('no local stack is running: start it with `npm start` (or pass --bucket NAME for a bucket on AWS)');
      process.exit(1);
    }
    s3 = new S3Client({ region: stack.region, endpoint: stack.s3Endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
    bucket = stack.bucket;
    apiUrl = stack.apiUrl;
  }

  const metadata: Record<string, string> = {};
  if (values['published-at']) metadata[METADATA_KEYS.publishedAt] = encodeURIComponent(values['published-at']);
  if (values['source-url']) metadata[METADATA_KEYS.sourceUrl] = encodeURIComponent(values['source-url']);
  if (values.title) metadata[METADATA_KEYS.title] = encodeURIComponent(values.title);

  const files = collectFiles(positionals);
  const concurrency = Math.max(1, Number(values.concurrency) || 8);
  let next = 0, done = 0;
  const failed: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, files.length) }, async () => {
      while (next < files.length) {
        const file = files[next++]!;
        const key = `${ARTICLES_PREFIX}${path.basename(file)}`;
        try {
          await s3.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: readFileSync(file),
              ContentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
              Metadata: metadata,
            }),
          );
          console.log(`[${++done}/${files.length}] uploaded ${file} → s3://${bucket}/${key}`);
        } catch (error) {
          failed.push(file);
          console.error(`failed to upload ${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  console.log(`${done} uploaded, ${failed.length} failed${apiUrl ? `; see ${apiUrl}/articles` : ''}`);
  if (failed.length) process.exit(1);
}

await main();
