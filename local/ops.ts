/**
 * Operator commands against the running local stack, running the same Lambda handlers as on AWS:
 *   npm run rebuild     recompute every view from the event store, beside the live ones
 *   npm run reextract   extract every stored article again with the current extractor
 *   npm run redrive     replay what landed in the dead-letter queues (ingest, then projector)
 * Each answers --help without touching anything.
 */
import type { Context } from 'aws-lambda';
import path from 'node:path';
import type { RedriveSummary } from '../src/app/redrive';
import { printable } from '../src/app/printable';
import { cli } from './cli';
import type { LocalHandlers } from './composition';
import { findLocalStack } from './find-stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * The running stack's handlers; without a running stack there is nothing to operate on. Loaded
 * only when a command runs, so --help answers without loading the AWS SDK.
 */
async function handlers(): Promise<LocalHandlers> {
  const stack = findLocalStack(path.resolve(import.meta.dirname, '..'));
  if (!stack) {
    console.error('no local stack is running: start it with `npm start`');
    process.exit(1);
  }
  const { localHandlers } = await import('./composition');
  return localHandlers(stack);
}

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function rebuild(): Promise<void> {
  const r = await (await handlers()).rebuild();
  console.log(
    `rebuilt every view from ${r.commits} commits into version ${r.version} (${r.items} items, ${r.caughtUp} commits appended meanwhile applied) and switched readers to it; ${r.dropped ?? 'none (the drop failed; the next rebuild retries it)'} items of older versions dropped; ${elapsed()}`,
  );
}

async function reextract(): Promise<void> {
  const s = await (await handlers()).reextract();
  console.log(
    `re-extracted ${s.articles} articles in ${elapsed()}: ${s.superseded} superseded, ${s.unchanged} unchanged, ${s.failed.length} failed`,
  );
  for (const f of s.failed) console.log(`  ${f.articleId}: ${f.error}`);
  if (s.failed.length) process.exitCode = 1;
}

/** One line per dead letter: what it was and what became of it. */
function printOutcomes(summary: RedriveSummary): void {
  for (const o of summary.outcomes)
    console.log(printable(`  ${o.outcome}: ${o.subject}${o.detail ? ` — ${o.detail}` : ''}`));
}

async function redrive(): Promise<void> {
  const context = { functionName: 'redrive', awsRequestId: 'local' } as Context;
  const { ingest, projector } = await (await handlers()).redrive({}, context);
  console.log(
    `ingest: redrove ${ingest.redriven} of ${ingest.messages} dead letters; ${ingest.stillFailing} still failing`,
  );
  printOutcomes(ingest);
  console.log(
    `projector: redrove ${projector.redriven} of ${projector.messages} dead letters (${projector.records} records); ${projector.stillFailing} still failing (${elapsed()})`,
  );
  printOutcomes(projector);
  if (projector.stillFailing || ingest.stillFailing) process.exitCode = 1;
}

const program = cli('npm run', 'Operator commands against the running local stack (npm start).');
program
  .command('rebuild')
  .usage('[-- options]')
  .description(
    'Recompute every view from the event store into a new version, switch readers to it, drop the old one; the live views stay as they are if it fails. Exit 0 when done.',
  )
  .action(rebuild);
program
  .command('reextract')
  .usage('[-- options]')
  .description(
    'Run the current extractor over every stored article; appends superseding extractions. Exit 1 when any article failed.',
  )
  .action(reextract);
program
  .command('redrive')
  .usage('[-- options]')
  .description(
    'Replay what landed in the dead-letter queues (ingest, then projector) after a fix. Exit 1 when any is still failing.',
  )
  .action(redrive);
await program.parseAsync();
