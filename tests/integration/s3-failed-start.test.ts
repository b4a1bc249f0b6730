/**
 * A start that fails part-way stops whatever it had started: no DynamoDB Local `java` process is
 * left behind, whether the S3 server cannot listen, its data folder is unusable, or the API's
 * port is taken after both services and the start-up listing are done.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../local/stack';
import { eventually } from '../support/clients';
import { javaChildren } from '../support/local-s3';

let busy: Server;
let busyPort: number;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-failed-start-'));
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** The start must fail, and once it has, no java child of this process may be running. */
async function expectFailedStartLeavesNothing(start: () => Promise<unknown>, error: RegExp) {
  expect(javaChildren()).toEqual([]);
  await expect(start()).rejects.toThrow(error);
  // stop() waits for the child's exit; allow the OS a moment to reap it.
  await eventually(async () => (javaChildren().length === 0 ? true : undefined), 5_000, 'no java');
}

describe('a failed start of the local stack', () => {
  it('(control) a started stack shows its DynamoDB Local as a java child, and none after stop', async () => {
    const stack = await startLocalStack({ dataDir: null, apiPort: 0 });
    expect(javaChildren()).toEqual([stack.dynamoDbLocal.process.pid]);
    await stack.stop();
    await eventually(
      async () => (javaChildren().length === 0 ? true : undefined),
      5_000,
      'no java',
    );
  });

  it("given the S3 server's port is taken, then the start fails and DynamoDB Local is stopped", async () => {
    await expectFailedStartLeavesNothing(
      () => startLocalStack({ dataDir: null, apiPort: 0, s3Port: busyPort }),
      /EADDRINUSE/,
    );
  });

  it("given the S3 server's data folder is unusable, then the start fails and DynamoDB Local is stopped", async () => {
    const dir = path.join(dataDir, 'unusable');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 's3'), 'a file where the S3 folder should be');
    await expectFailedStartLeavesNothing(
      () => startLocalStack({ dataDir: dir, apiPort: 0 }),
      /EEXIST|ENOTDIR/,
    );
  });

  it("given the API's port is taken, then the start fails after the listing and stops both services", async () => {
    await expectFailedStartLeavesNothing(
      () => startLocalStack({ dataDir: path.join(dataDir, 'api'), apiPort: busyPort }),
      /EADDRINUSE/,
    );
  });
});
