/**
 * Starts one local stack (DynamoDB Local + s3rver + the handlers) for the integration tests and
 * hands its endpoints to them. The stack's handlers run in this process; tests reach it over
 * HTTP, S3 and DynamoDB like any client would.
 */
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack, type StackInfo } from '../../local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startLocalStack({ dataDir: null, apiPort: 0 });
  const { s3: _s3, dynamo: _d, streams: _st, dynamoDbLocal: _l, poller: _p, deadLetters: _q, settled: _w, stop: _x, ingestDeadLetters: _i, ...info } = stack;
  project.provide('stack', info);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
