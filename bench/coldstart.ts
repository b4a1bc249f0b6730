/**
 * Cold-start bench: bundles every Lambda exactly as the stack does (options from infra/bundling.ts),
 * then for each bundle reports its size and its module-init time — a fresh Node process importing
 * it, median of N runs — next to a hello-world bundle and next to its floor: a bundle built the
 * same way that only constructs the AWS SDK clients the handler's bundle imports. The target is
 * ≤ 1.3× the floor; a bundle carrying the extractor's language model may pass 1 MB of JS if the
 * model's own init (measured alone) stays under 300 ms.
 *
 *   npm run bench:coldstart                  # 20 runs each, SDK as deployed (infra/bundling.ts)
 *   npm run bench:coldstart -- --runs 50
 *   npm run bench:coldstart -- --bundle-sdk  # the alternative: AWS SDK bundled in
 *
 * With the SDK external, the bundles import @aws-sdk/* from this project's node_modules, standing
 * in for the copy the Lambda runtime provides. Prints a markdown table; exits 1 if a bundle misses
 * its budget.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { cli, wholeNumber } from '../local/cli';
import { ENV } from '../src/tables';
import {
  BUNDLE_AWS_SDK,
  entryPath,
  esbuildOptions,
  LAMBDA_ENTRIES,
  type LambdaName,
  MAX_BUNDLE_BYTES,
  DASHBOARD_DATA,
  MODEL_DATA,
  PLACE_DATA,
  PROJECT_ROOT,
} from '../infra/bundling';

const values = cli(
  'npm run bench:coldstart --',
  "Each Lambda bundle's size and module init time (median of fresh processes) against a bundle that only constructs its SDK clients.",
)
  .option('--runs <n>', 'fresh processes per bundle', wholeNumber(1), 20)
  .option('--bundle-sdk', "bundle the AWS SDK in instead of using the runtime's")
  .parse()
  .opts<{ runs: number; bundleSdk?: boolean }>();
const RUNS = values.runs;
const BUNDLE_SDK = Boolean(values.bundleSdk) || BUNDLE_AWS_SDK;

// Under bench/results/ (git-ignored) so external @aws-sdk/* resolves from the project's node_modules.
const OUT = resolve(
  PROJECT_ROOT,
  'bench/results/coldstart',
  BUNDLE_SDK ? 'sdk-bundled' : 'sdk-external',
);
mkdirSync(OUT, { recursive: true });

/** Enough environment for every handler module to initialise (nothing is called). */
const DUMMY_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  [ENV.eventsTable]: 'bench-events',
  [ENV.viewsTable]: 'bench-views',
  [ENV.bucket]: 'bench-bucket',
  [ENV.deadLetterQueueUrl]: 'https://sqs.eu-west-1.amazonaws.com/000000000000/bench-dlq',
  [ENV.ingestDeadLetterQueueUrl]: 'https://sqs.eu-west-1.amazonaws.com/000000000000/bench-ingest',
  [ENV.publicRead]: 'false',
  [ENV.authBaseUrl]: 'https://bench.auth.eu-west-1.amazoncognito.com',
  [ENV.authClientId]: 'bench',
  POWERTOOLS_SERVICE_NAME: 'aid-ledger',
  POWERTOOLS_METRICS_NAMESPACE: 'AidLedger',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

const HELLO = 'hello-world';
const helloEntry = join(OUT, 'hello.ts');
writeFileSync(
  helloEntry,
  "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n",
);

/**
 * Runs in a fresh process: time to import (load + evaluate) the bundle, on the wall clock and in
 * CPU time. Init is single-threaded and reads cached files, so on a quiet machine the two agree;
 * on a shared one (two cores, other work) the wall clock also counts time spent waiting for a
 * core, which a Lambda with its own vCPU does not, so the budgets are judged on CPU time.
 */
const PROBE = `
const url = process.argv[1];
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(url);
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
if (typeof mod.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, rss: process.memoryUsage().rss }));
`;

interface Row {
  name: string;
  jsBytes: number;
  mapBytes: number;
  medianMs: number;
  minMs: number;
  cpuMs: number;
  rssMb: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * The SDK clients a handler may construct, by package: the floor constructs the same ones. The
 * document client wraps a DynamoDBClient, as the handlers' does.
 */
const SDK_CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-dynamodb-streams': 'DynamoDBStreamsClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/client-sqs': 'SQSClient',
};
const construct = (client: string): string =>
  client === 'DynamoDBDocumentClient'
    ? 'DynamoDBDocumentClient.from(new DynamoDBClient({}));'
    : `new ${client}({});`;
const MODEL_PACKAGE = 'wink-eng-lite-web-model';
const GAZETTEER = 'src/domain/extractor/gazetteer/index.ts';
const DASHBOARD = 'src/api/dashboard-assets.ts';
const MODEL_INIT_BUDGET_MS = 300;
/** Issue 12's target: a handler's init at most this multiple of its floor's, in CPU time. */
const MAX_FLOOR_RATIO = 1.3;

interface Bundle {
  file: string;
  /** The SDK client packages it imports. */
  clients: string[];
  /** Whether it carries the extractor's language model. */
  model: boolean;
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const outfile = join(OUT, name, 'index.mjs');
  const { metafile } = await build(esbuildOptions(entry, outfile, { bundleSdk: BUNDLE_SDK }));
  const inputs = Object.entries(metafile!.inputs);
  const imported = new Set(inputs.flatMap(([, i]) => i.imports.map((x) => x.path)));
  const paths = inputs.map(([path]) => path);
  const model = paths.some((p) => p.includes(`node_modules/${MODEL_PACKAGE}/`));
  const places = paths.some((p) => p.endsWith(GAZETTEER));
  const dashboard = paths.some((p) => p.endsWith(DASHBOARD));
  // As the stack's assets do (infra/bundling.ts): the data files the code reads, beside it.
  const files = [
    ...(places ? PLACE_DATA : []),
    ...(model ? MODEL_DATA : []),
    ...(dashboard ? DASHBOARD_DATA : []),
  ];
  for (const file of files) copyFileSync(file, join(dirname(outfile), basename(file)));
  return {
    file: outfile,
    clients: Object.keys(SDK_CLIENTS).filter(
      (pkg) => imported.has(pkg) || paths.some((p) => p.includes(`node_modules/${pkg}/`)),
    ),
    model,
  };
}

/**
 * The language model's own cost: importing wink-nlp and its model and building the engine, as
 * the first extraction does (the engine is built on first use, so a handler's init shows only
 * the import). This is what the 300 ms budget holds.
 */
async function languageModel(): Promise<Bundle> {
  const entry = join(OUT, 'language-model.ts');
  const document = resolve(PROJECT_ROOT, 'src/domain/extractor/nlp/document.ts');
  writeFileSync(
    entry,
    [
      `import { readSentences } from '${document.replace(/\.ts$/, '')}';`,
      "readSentences('The model is loaded.');",
      'export const handler = async () => ({ statusCode: 200 });',
      '',
    ].join('\n'),
  );
  return bundle('language-model', entry);
}

/** A handler that only constructs these SDK clients: what no handler using them can beat. */
async function floor(name: string, clients: string[]): Promise<Bundle> {
  const entry = join(OUT, `floor-${name}.ts`);
  const lines = clients.map((pkg) => `import { ${SDK_CLIENTS[pkg]} } from '${pkg}';`);
  const made = clients.map((pkg) => construct(SDK_CLIENTS[pkg]!));
  writeFileSync(
    entry,
    [...lines, ...made, 'export const handler = async () => ({ statusCode: 200 });', ''].join('\n'),
  );
  return bundle(`floor-${name}`, entry);
}

interface Sample {
  ms: number;
  cpuMs: number;
  rss: number;
}

function probe(file: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '--enable-source-maps', '-e', PROBE, pathToFileURL(file).href],
    { env: DUMMY_ENV, cwd: OUT, encoding: 'utf8' },
  );
  return JSON.parse(out) as Sample;
}

/** Fresh processes for each file, taken in turns so that a change in load hits all alike. */
function measure(files: Record<string, string>): Record<string, Row> {
  const samples: Record<string, Sample[]> = {};
  for (let i = 0; i < RUNS; i++)
    for (const [name, file] of Object.entries(files)) (samples[name] ??= []).push(probe(file));
  return Object.fromEntries(
    Object.entries(files).map(([name, file]) => {
      const s = samples[name]!;
      const row: Row = {
        name,
        jsBytes: statSync(file).size,
        mapBytes: statSync(`${file}.map`).size,
        medianMs: median(s.map((x) => x.ms)),
        minMs: Math.min(...s.map((x) => x.ms)),
        cpuMs: median(s.map((x) => x.cpuMs)),
        rssMb: median(s.map((x) => x.rss)) / 2 ** 20,
      };
      return [name, row];
    }),
  );
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;

interface Measured extends Row {
  floor: Row;
  model: boolean;
  clients: string[];
}

function budgetFailures(rows: Measured[], model: Row): string[] {
  const out: string[] = [];
  if (model.cpuMs >= MODEL_INIT_BUDGET_MS)
    out.push(
      `the language model's init is ${model.cpuMs.toFixed(0)} ms of CPU, budget is < ${MODEL_INIT_BUDGET_MS} ms`,
    );
  for (const r of rows) {
    if (r.jsBytes >= MAX_BUNDLE_BYTES)
      out.push(`${r.name} bundle is ${r.jsBytes} bytes of JS, budget is < ${MAX_BUNDLE_BYTES}`);
    if (r.cpuMs > MAX_FLOOR_RATIO * r.floor.cpuMs)
      out.push(
        `${r.name} init is ${ratio(r.cpuMs, r.floor.cpuMs)} its floor in CPU time, target is ≤ ${MAX_FLOOR_RATIO}×`,
      );
  }
  return out;
}
async function main(): Promise<void> {
  const names = Object.keys(LAMBDA_ENTRIES) as LambdaName[];
  const first = measure({
    [HELLO]: (await bundle(HELLO, helloEntry)).file,
    model: (await languageModel()).file,
  });
  const hello = first[HELLO]!;
  const model = first.model!;
  const rows: Measured[] = [];
  for (const name of names) {
    const b = await bundle(name, entryPath(name));
    const f = await floor(name, b.clients);
    const m = measure({ [name]: b.file, floor: f.file });
    rows.push({ ...m[name]!, floor: m.floor!, ...b });
  }

  console.log(
    `\nCold start — module init, fresh Node ${process.version} process, median of ${RUNS} runs; AWS SDK ${BUNDLE_SDK ? 'bundled' : 'external (runtime-provided)'}; hello-world ${ms(hello.cpuMs)} of CPU\n`,
  );
  console.log(
    '| bundle | JS | source map | init, CPU | floor (its SDK clients only), CPU | × floor | init, wall median (min) | floor, wall | × floor, wall | RSS after init |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const what = `${r.clients.map((c) => SDK_CLIENTS[c]).join(', ')}${r.model ? ' + language model' : ''}`;
    console.log(
      `| ${r.name} (${what}) | ${kb(r.jsBytes)} | ${kb(r.mapBytes)} | ${ms(r.cpuMs)} | ${ms(r.floor.cpuMs)} | ${ratio(r.cpuMs, r.floor.cpuMs)} | ${ms(r.medianMs)} (${ms(r.minMs)}) | ${ms(r.floor.medianMs)} | ${ratio(r.medianMs, r.floor.medianMs)} | ${r.rssMb.toFixed(0)} MB |`,
    );
  }
  console.log(
    `\nThe language model alone (wink-nlp, its model, the engine built and one sentence read): ${ms(model.cpuMs)} of CPU; wall ${ms(model.medianMs)} median, ${ms(model.minMs)} min; ${kb(model.jsBytes)} of JS and ${kb(MODEL_DATA.reduce((n, f) => n + statSync(f).size, 0))} of data read beside it; the extracting handlers pay its import at init and the rest on their first extraction.`,
  );
  const failures = budgetFailures(rows, model);
  console.log('');
  for (const f of failures) console.log(`FAIL: ${f}`);
  if (failures.length === 0)
    console.log(
      `OK: every bundle is under ${MAX_BUNDLE_BYTES} bytes of JS and initialises in at most ${MAX_FLOOR_RATIO}× its floor's CPU time, and the language model initialises in under ${MODEL_INIT_BUDGET_MS} ms`,
    );
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();
