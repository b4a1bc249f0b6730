/**
 * `npm start`: the whole pipeline on this machine. Data stays in .local/ between runs;
 * `npm start -- --fresh` starts empty and ingests samples/.
 *
 * A first start is not done until samples/ is uploaded: until then a marker says so, and a start
 * that finds it (the first one failed or was stopped half-way) starts fresh again, so a failed
 * first start leaves nothing that makes the next one different.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { LOCAL_BUCKET } from '../src/tables';
import { cli, usageError } from './cli';
import { findLocalStack, localDataDir } from './find-stack';
import { DEV_USERS } from './identity';
import { STACK_FILE, startLocalStack, uploadFolder, type LocalStack } from './stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = path.resolve(import.meta.dirname, '..');
const program = cli(
  'npm start --',
  'Run the whole pipeline locally (DynamoDB Local, the local S3 server, the same handlers) and serve the API and dashboard.',
)
  .option('--fresh', 'start empty (delete the local data) and ingest samples/ again')
  .option(
    '--private',
    'require a signed-in user for the facts too (like a deployment without publicRead)',
  )
  .addHelpText(
    'after',
    `
Environment: PORT (default 3000) is the API and dashboard port; AID_LEDGER_DIR (default .local)
is where the data is kept between runs. Ctrl-C stops everything.`,
  );
program.parse();
const options = program.opts<{ fresh?: boolean; private?: boolean }>();

const portText = process.env.PORT ?? '3000';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
  usageError(program, `PORT must be a port number from 1 to 65535, got '${portText}'`);

const dataDir = localDataDir(root);
/** Present from the start of a first start until samples/ is uploaded. */
const firstStartMarker = path.join(dataDir, 'first-start-incomplete');
const fresh =
  Boolean(options.fresh) ||
  !existsSync(path.join(dataDir, 'dynamodb')) ||
  existsSync(firstStartMarker);
const t0 = Date.now();
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Whether something already listens on the port, checked before any service starts. */
const portTaken = (p: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(p, '127.0.0.1', () => probe.close(() => resolve(false)));
  });

function busyPort(): never {
  console.error(
    `port ${port} is in use (another \`npm start\`?): stop that, or choose another port, e.g. PORT=${port === 65535 ? 3000 : port + 1} npm start`,
  );
  process.exit(1);
}

async function start(): Promise<LocalStack> {
  const running = findLocalStack(root);
  if (running) {
    console.error(
      `a local stack is already running on ${running.apiUrl} (process ${running.pid}) with this data folder; stop it first`,
    );
    process.exit(1);
  }
  if (await portTaken(port)) busyPort();
  if (fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(firstStartMarker, '');
  }
  try {
    return await startLocalStack({
      dataDir,
      fresh: false,
      apiPort: port,
      log,
      publicRead: !options.private,
    });
  } catch (error) {
    if (fresh) rmSync(dataDir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') busyPort();
    console.error(`could not start the local stack: ${(error as Error).message}`);
    process.exit(1);
  }
}

const stack = await start();
log(
  `API and dashboard on ${stack.apiUrl} (healthy after ${Date.now() - t0} ms); data in ${path.relative(process.cwd(), dataDir) || '.'}/`,
);
log(
  `${stack.publicRead ? 'facts are public (--private to require sign-in); ' : 'facts need sign-in (--private); '}dev users: ${DEV_USERS.join(', ')} (password = user name); their tokens are in ${path.relative(process.cwd(), path.join(dataDir, STACK_FILE))}`,
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
  rmSync(firstStartMarker, { force: true });
  log(`fresh start: uploaded ${count} sample articles from samples/`);
}
log('upload more with: npm run ingest -- <files or folders>   (Ctrl-C stops)');
