/** Runs the project's command lines as a user would, in a child process, and collects the result. */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

const quietEnv = (env: Record<string, string>) => ({
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...env,
});

function run(command: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env: quietEnv(env), encoding: 'utf8', timeout: 230_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (status === null) reject(error!);
        else resolve({ status, stdout, stderr });
      },
    );
  });
}

/** `tsx <script> <args>` from the repository root, once it has exited. */
export const runScript = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(TSX, [script, ...args], env);

/** `npm run <script> -- <args>`, as the README tells people to. */
export const runNpm = (script: string, args: string[], env: Record<string, string> = {}) =>
  run('npm', ['run', '--silent', script, '--', ...args], env);

/**
 * Starts a long-running script; `output()` is what it printed so far. Node runs it with tsx as a
 * loader, so a signal reaches the script itself (the tsx command relays signals with a 30 ms
 * grace, which a loaded machine can miss).
 */
export function startScript(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: quietEnv(env),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return {
    child,
    output: () => output,
    exited,
    /** Resolves once the output matches, rejects if the process exits first or time runs out. */
    async waitFor(pattern: RegExp, ms = 150_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!pattern.test(output)) {
        if (child.exitCode !== null)
          throw new Error(`exited ${child.exitCode} before ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}
