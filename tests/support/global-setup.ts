/**
 * Starts one local stack (DynamoDB Local + the local S3 server + the handlers) for the integration tests and
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
  const {
    apiUrl,
    s3Endpoint,
    dynamoEndpoint,
    bucket,
    eventsTable,
    viewsTable,
    region,
    pid,
    dataDir,
    publicRead,
    tokens,
  } = stack;
  project.provide('stack', {
    apiUrl,
    s3Endpoint,
    dynamoEndpoint,
    bucket,
    eventsTable,
    viewsTable,
    region,
    pid,
    dataDir,
    publicRead,
    tokens,
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
