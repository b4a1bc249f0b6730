/**
 * Prints what the extractor finds in each file, as one JSON array in the schema of
 * ../shared/eval/SCHEMA.md (one object per file, `article` = the file's name).
 * Usage: npm run --silent extract -- <files...> [--published-at DATE]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkedBy, cli, usageError } from '../local/cli';
import { publishedAtField } from '../src/api/upload-fields';
import { extractArticle } from '../src/domain/extractor';
import type { ExtractionOutcome } from '../src/domain/extractor/types';

export function toSchema(article: string, outcome: ExtractionOutcome): Record<string, unknown> {
  if (outcome.kind === 'rejected') {
    return {
      article,
      publishedAt: null,
      extractorVersion: outcome.extractorVersion,
      rejected: { reason: outcome.reason, detail: outcome.detail },
      aidFlows: [],
      caseCounts: [],
      timeline: [],
    };
  }
  return {
    article,
    publishedAt: outcome.publishedAt,
    title: outcome.title,
    extractorVersion: outcome.extractorVersion,
    aidFlows: outcome.aidFlows.map(({ evidence, ...f }) => ({ ...f, evidence: evidence.sentence })),
    caseCounts: outcome.caseCounts.map(({ evidence, ...c }) => ({
      ...c,
      evidence: evidence.sentence,
    })),
    timeline: outcome.timeline.map(({ evidence, subjects: _subjects, ...t }) => ({
      ...t,
      evidence: evidence.sentence,
    })),
  };
}

function main(argv: string[]): number {
  const program = cli(
    'npm run --silent extract --',
    'Print what the extractor finds in each file, as one JSON array (../shared/eval/SCHEMA.md).',
  )
    .argument('<files...>', 'article files')
    .option(
      '--published-at <date>',
      'publication date given as upload metadata (YYYY, YYYY-MM or YYYY-MM-DD)',
      checkedBy(publishedAtField()),
    )
    .parse(argv, { from: 'user' });
  const files = program.args;
  const { publishedAt } = program.opts<{ publishedAt?: string }>();
  const missing = files.filter((f) => !existsSync(f) || !statSync(f).isFile());
  if (missing.length) usageError(program, `no such file: ${missing.join(', ')}`);
  const out = files.map((file) => {
    const fileName = path.basename(file);
    const outcome = extractArticle({
      fileName,
      bytes: readFileSync(file),
      metadata: publishedAt ? { publishedAt } : undefined,
    });
    return toSchema(fileName, outcome);
  });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
