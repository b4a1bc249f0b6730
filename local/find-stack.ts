import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STACK_FILE, type StackInfo } from './stack';

/** The running local stack, from the file it writes in .local/, if its process is alive. */
export function findLocalStack(root: string): StackInfo | null {
  const file = path.join(root, '.local', STACK_FILE);
  if (!existsSync(file)) return null;
  const info = JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
