/**
 * The command lines against real stacks: ingest's exit status says whether every file made it,
 * and `npm start` on a busy port, or failing half-way through its first start, says what to do
 * and leaves nothing that makes the next start different.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/services';
import { runScript, startScript } from '../support/cli';

const stack = inject('stack');
const scratch = mkdtempSync(path.join(tmpdir(), 'aid-ledger-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each case starts Node processes with tsx, and a stack; on a loaded machine that takes minutes. */
const SLOW = { timeout: 300_000 };

describe('npm run ingest against the running stack', SLOW, () => {
  const env = { AID_LEDGER_DIR: stack.dataDir };

  it('exits 1 when every file is rejected, with the reasons and the dashboard URL of the rejections', async () => {
    // Under names of their own: the same bytes under the same key would be a known upload.
    const dir = path.join(scratch, `rejects-${Date.now()}`);
    mkdirSync(dir);
    for (const f of ['photo.png', 'whitespace-only.txt'])
      copyFileSync(path.join('tests/fixtures/bad-input', f), path.join(dir, f));
    const r = await runScript('local/ingest-cli.ts', [dir], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/rejected 2/);
    expect(r.stdout).toMatch(/binary: 1/);
    expect(r.stdout).toContain(`results: ${stack.apiUrl}/#articles?status=rejected`);
    // The same rejected bytes again are no better: still rejected, still exit 1.
    const again = await runScript('local/ingest-cli.ts', [path.join(dir, 'photo.png')], env);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/rejected 1/);
  });

  it('exits 0 when every file is ingested, with the dashboard URL of the article', async () => {
    const r = await runScript(
      'local/ingest-cli.ts',
      ['samples/peru-oxygen-2021.txt', '--title', 'Oxygen for Peru'],
      env,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/(ingested|duplicates) 1/);
    expect(r.stdout).toMatch(new RegExp(`results: ${stack.apiUrl}/#article/[\\w-]+`));
  });
});

describe('npm start', SLOW, () => {
  it('on a busy port says so, suggests PORT=…, and creates nothing', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const dataDir = path.join(scratch, 'busy');
    try {
      const r = await runScript('local/start.ts', [], {
        PORT: String(port),
        AID_LEDGER_DIR: dataDir,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`port ${port} is in use`);
      expect(r.stderr).toMatch(/PORT=\d+ npm start/);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('after a first start that failed half-way (no Java), starts fresh and ingests samples/', async () => {
    const dataDir = path.join(scratch, 'first');
    // A PATH with node and nothing else: DynamoDB Local cannot start, after the data folder exists.
    const bin = path.join(scratch, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const failed = await runScript('local/start.ts', [], {
      PORT: String(await freePort()),
      AID_LEDGER_DIR: dataDir,
      PATH: bin,
    });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('could not start the local stack');
    expect(existsSync(dataDir)).toBe(false);

    const next = startScript('local/start.ts', [], {
      PORT: String(await freePort()),
      AID_LEDGER_DIR: dataDir,
    });
    try {
      await next.waitFor(/fresh start: uploaded \d+ sample articles/);
      expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(true);
    } finally {
      next.child.kill('SIGINT');
      expect(await next.exited).toBe(0);
    }
    // Stopped through its own handler, which removes the stack file.
    expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(false);
  });
});
