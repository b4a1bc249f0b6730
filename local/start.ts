/**
 * `npm start`: the whole pipeline on this machine. Data stays in .local/ between runs;
 * `npm start -- --fresh` starts empty and ingests samples/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_BUCKET } from '../src/tables';
import { startLocalStack, uploadFolder } from './stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.local');
const fresh = process.argv.includes('--fresh') || !existsSync(path.join(dataDir, 'dynamodb'));
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const stack = await startLocalStack({ dataDir, fresh, apiPort: port, log }).catch(
  (error: Error) => {
    console.error(`could not start the local stack: ${error.message}`);
    process.exit(1);
  },
);
log(
  `API and dashboard on ${stack.apiUrl} (healthy after ${Date.now() - t0} ms); data in ${path.relative(process.cwd(), dataDir)}/`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    stack.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(error.message);
        process.exit(1);
      },
    );
  });
}
process.on('exit', () => {
  if (stack.dynamoDbLocal.process.exitCode === null) stack.dynamoDbLocal.process.kill('SIGKILL');
});

if (fresh) {
  const samples = path.join(root, 'samples');
  const count = existsSync(samples) ? await uploadFolder(stack.s3, LOCAL_BUCKET, samples) : 0;
  log(`fresh start: uploaded ${count} sample articles from samples/`);
}
log('upload more with: npm run ingest -- <files or folders>   (Ctrl-C stops)');
