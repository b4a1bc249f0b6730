/**
 * Operator commands against the running local stack, running the same Lambda handlers as on AWS:
 *   npm run rebuild     recompute every view from the event store
 *   npm run reextract   extract every stored article again with the current extractor
 *   npm run redrive     replay what landed in the dead-letter queues (ingest, then projector)
 */
import type { Context } from 'aws-lambda';
import path from 'node:path';
import { localHandlers } from './composition';
import { findLocalStack } from './find-stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const command = process.argv[2];
const stack = findLocalStack(path.resolve(import.meta.dirname, '..'));
if (!stack) {
  console.error('no local stack is running: start it with `npm start`');
  process.exit(1);
}
const handlers = localHandlers(stack);
const context = { functionName: command, awsRequestId: 'local' } as Context;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
switch (command) {
  case 'rebuild': {
    const result = await handlers.rebuild();
    console.log(`rebuilt every view from ${result.commits} commits in ${elapsed()}`);
    break;
  }
  case 'reextract': {
    const s = await handlers.reextract();
    console.log(
      `re-extracted ${s.articles} articles in ${elapsed()}: ${s.superseded} superseded, ${s.unchanged} unchanged, ${s.failed.length} failed`,
    );
    for (const f of s.failed) console.log(`  ${f.articleId}: ${f.error}`);
    if (s.failed.length) process.exitCode = 1;
    break;
  }
  case 'redrive': {
    const { ingest, projector } = await handlers.redrive({}, context);
    console.log(
      `ingest: redrove ${ingest.redriven} of ${ingest.messages} dead letters; ${ingest.stillFailing} still failing`,
    );
    console.log(
      `projector: redrove ${projector.redriven} of ${projector.messages} dead letters (${projector.records} records); ${projector.stillFailing} still failing (${elapsed()})`,
    );
    if (projector.stillFailing || ingest.stillFailing) process.exitCode = 1;
    break;
  }
  default:
    console.error('usage: tsx local/ops.ts rebuild|reextract|redrive');
    process.exit(2);
}
