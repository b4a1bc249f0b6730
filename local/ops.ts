/**
 * Operator commands against the running local stack, running the same Lambda handlers as on AWS:
 *   npm run rebuild     recompute every view from the event store
 *   npm run reextract   extract every stored article again with the current extractor
 *   npm run redrive     project again what landed in the projector's dead-letter queue
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Context, S3Event } from 'aws-lambda';
import path from 'node:path';
import { DynamoDbStreamReader } from '../src/adapters/dynamodb-stream-reader';
import { redrive, redriveIngest, type AsyncFailureMessage } from '../src/app/redrive';
import { ENV } from '../src/tables';
import { FileDeadLetterQueue } from './file-dead-letter-queue';
import { findLocalStack } from './find-stack';
import { LOCAL_CREDENTIALS } from './stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const command = process.argv[2];
const stack = findLocalStack(path.resolve(import.meta.dirname, '..'));
if (!stack) {
  console.error('no local stack is running: start it with `npm start`');
  process.exit(1);
}
Object.assign(process.env, {
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoEndpoint,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: stack.dynamoEndpoint,
  AWS_ENDPOINT_URL_S3: stack.s3Endpoint,
  [ENV.eventsTable]: stack.eventsTable,
  [ENV.viewsTable]: stack.viewsTable,
  [ENV.bucket]: stack.bucket,
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
switch (command) {
  case 'rebuild': {
    const { handler } = await import('../src/lambdas/rebuild');
    const result = await handler();
    console.log(`rebuilt every view from ${result.commits} commits in ${elapsed()}`);
    break;
  }
  case 'reextract': {
    const { handler } = await import('../src/lambdas/reextract');
    const s = await handler();
    console.log(
      `re-extracted ${s.articles} articles in ${elapsed()}: ${s.superseded} superseded, ${s.unchanged} unchanged, ${s.failed.length} failed`,
    );
    for (const f of s.failed) console.log(`  ${f.articleId}: ${f.error}`);
    if (s.failed.length) process.exitCode = 1;
    break;
  }
  case 'redrive': {
    const { handler: ingest } = await import('../src/lambdas/ingest');
    const uploads = await redriveIngest(
      new FileDeadLetterQueue<AsyncFailureMessage<S3Event>>(
        path.join(stack.dataDir, 'dlq', 'ingest'),
      ),
      ingest,
    );
    console.log(
      `ingest: redrove ${uploads.redriven} of ${uploads.messages} dead letters; ${uploads.stillFailing} still failing`,
    );
    const { handler: projector } = await import('../src/lambdas/projector');
    const streams = new DynamoDBStreamsClient({
      region: stack.region,
      endpoint: stack.dynamoEndpoint,
      credentials: LOCAL_CREDENTIALS,
    });
    const s = await redrive(
      new FileDeadLetterQueue(path.join(stack.dataDir, 'dlq', 'projector')),
      new DynamoDbStreamReader(streams),
      async (records) => {
        const response = await projector({ Records: records }, {
          functionName: 'redrive',
        } as Context);
        return response.batchItemFailures.map((f) => f.itemIdentifier);
      },
    );
    console.log(
      `projector: redrove ${s.redriven} of ${s.messages} dead letters (${s.records} records); ${s.stillFailing} still failing (${elapsed()})`,
    );
    if (s.stillFailing || uploads.stillFailing) process.exitCode = 1;
    break;
  }
  default:
    console.error('usage: tsx local/ops.ts rebuild|reextract|redrive');
    process.exit(2);
}
