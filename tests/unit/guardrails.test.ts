/**
 * The layering rules hold only if they can fail: a domain file that imports the AWS SDK, or two
 * modules that import each other, must make `npm run lint` fail. A probe file is written into the
 * domain for the length of each case and removed after it.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const probes = ['src/domain/lint-probe-a.ts', 'src/domain/lint-probe-b.ts'];

const cruise = () =>
  spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      '.dependency-cruiser.cjs',
    ],
    { cwd: root, encoding: 'utf8' },
  );

afterEach(() => {
  for (const p of probes) rmSync(path.join(root, p), { force: true });
});

describe('layering guardrails (dependency-cruiser)', () => {
  it('pass on the code as it is', () => {
    expect(cruise().status).toBe(0);
  });

  it('fail when a domain file imports the AWS SDK', () => {
    writeFileSync(path.join(root, probes[0]!), "export { S3Client } from '@aws-sdk/client-s3';\n");
    const run = cruise();
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('domain-is-pure');
  });

  it('fail when two modules import each other', () => {
    writeFileSync(path.join(root, probes[0]!), "import './lint-probe-b';\nexport const a = 1;\n");
    writeFileSync(path.join(root, probes[1]!), "import './lint-probe-a';\nexport const b = 2;\n");
    const run = cruise();
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('no-circular');
  });
});
