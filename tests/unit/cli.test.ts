/**
 * Command-line habits, for every command: --help prints the usage and exits 0 without doing
 * anything; an unknown option or a bad value is one line on stderr and exit code 2, never a stack
 * trace. Run with an empty data folder, so a command that tried to act would find no stack and
 * say so instead of printing its usage. One process at a time: each is a Node start with tsx, and
 * the integration tests run beside these.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNpm, runScript, type Ran } from '../support/cli';

const empty = mkdtempSync(path.join(tmpdir(), 'aid-ledger-cli-'));
/** Each case starts a Node process with tsx; on a loaded machine that alone can take a minute. */
const SLOW = { timeout: 240_000 };
const env = { AID_LEDGER_DIR: empty };
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const COMMANDS: [name: string, script: string, args: string[]][] = [
  ['start', 'local/start.ts', []],
  ['ingest', 'local/ingest-cli.ts', []],
  ['extract', 'scripts/extract.ts', []],
  ['rebuild', 'local/ops.ts', ['rebuild']],
  ['reextract', 'local/ops.ts', ['reextract']],
  ['redrive', 'local/ops.ts', ['redrive']],
  ['bench:api', 'bench/api.ts', []],
  ['bench:load', 'bench/load.ts', []],
  ['bench:store', 'bench/store.ts', []],
  ['bench:extract', 'bench/extract.ts', []],
  ['bench:coldstart', 'bench/coldstart.ts', []],
];

/** One line on stderr, naming the problem, nothing on stdout, no trace. */
function expectUsageError(r: Ran, says: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

function expectUsage(r: Ran): void {
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: /);
  expect(r.stderr).toBe('');
}

describe('every command', SLOW, () => {
  it.each(COMMANDS)('%s: --help prints the usage and exits 0', async (_name, script, args) => {
    expectUsage(await runScript(script, [...args, '--help'], env));
  });

  // Every command parses through local/cli.ts; one of each kind (a local script, an operator
  // subcommand, a bench, the extractor) stands for the rest here.
  it.each(
    COMMANDS.filter(([name]) =>
      ['start', 'ingest', 'rebuild', 'bench:api', 'extract'].includes(name),
    ),
  )('%s: an unknown option is one line and exit 2', async (_name, script, args) => {
    expectUsageError(
      await runScript(script, [...args, '--no-such-option'], env),
      /--no-such-option/,
    );
  });

  it('-h is --help', async () => {
    expectUsage(await runScript('local/ops.ts', ['redrive', '-h'], env));
  });
});

describe('through npm, as the README says', SLOW, () => {
  it.each(['ingest', 'rebuild'])(
    'npm run %s -- --help prints the usage and changes nothing',
    async (script) => {
      const r = await runNpm(script, ['--help'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: npm run ${script}`);
    },
  );
});

describe('bad values', SLOW, () => {
  it.each([
    [['--concurrency', 'abc', 'samples'], /--concurrency.*'abc' is invalid/],
    [['--concurrency', '0', 'samples'], /whole number from 1/],
    [['--published-at', 'notadate', 'samples'], /--published-at.*YYYY/],
    [['--published-at', '2021-02-30', 'samples'], /not a calendar date/],
    [['--source-url', 'javascript:alert(1)', 'samples'], /http\(s\) URL/],
    [['no-such-file.txt'], /no such file or folder: no-such-file\.txt/],
    [[], /missing required argument/],
  ])('ingest %j is refused: one line, exit 2', async (args, says) => {
    expectUsageError(await runScript('local/ingest-cli.ts', args, env), says);
  });

  it('start refuses a PORT that is not a port', async () => {
    expectUsageError(
      await runScript('local/start.ts', [], { ...env, PORT: 'eighty' }),
      /PORT must be/,
    );
  });

  it('extract refuses a file that is not there, and keeps stdout empty for the scorer', async () => {
    const r = await runScript('scripts/extract.ts', ['no-such-file.txt'], env);
    expectUsageError(r, /no such file: no-such-file\.txt/);
    expect(r.stdout).toBe('');
  });

  it('bench:api refuses a duration that is not a whole number', async () => {
    expectUsageError(await runScript('bench/api.ts', ['--duration', '1.5'], env), /--duration/);
  });

  it('without a running stack, an operator command says how to start one and exits 1', async () => {
    const r = await runScript('local/ops.ts', ['rebuild'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm start');
  });
});
