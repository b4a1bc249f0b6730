import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STACK_FILE, type StackInfo } from './stack';

/** Where the local stack keeps its data: AID_LEDGER_DIR, else .local/ in the repository. */
export const localDataDir = (root: string): string =>
  path.resolve(root, process.env.AID_LEDGER_DIR || '.local');

/** The running local stack, from the file it writes in its data folder, if its process is alive. */
export function findLocalStack(root: string): StackInfo | null {
  const file = path.join(localDataDir(root), STACK_FILE);
  if (!existsSync(file)) return null;
  const info = JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
