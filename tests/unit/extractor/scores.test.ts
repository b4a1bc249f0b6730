/**
 * The extractor scored with the evaluation's own scorer (../shared/eval/score.mjs): on the seed
 * articles against their hand annotations, and on this project's samples against samples/gold.
 * The scorer lives in ../shared, which CI provides; without it these tests skip and say why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toSchema } from '../../../scripts/extract';
import { extractArticle } from '../../../src/domain/extractor';

const root = path.resolve(import.meta.dirname, '../../..');
const evalDir = path.resolve(root, '../shared/eval');
const scorer = path.join(evalDir, 'score.mjs');
const seeds = path.resolve(root, '../shared/seeds');
const haveScorer = existsSync(scorer);
if (!haveScorer)
  console.warn(
    `skipping extractor scores: ${scorer} not found (the evaluation kit sits beside the project in CI)`,
  );

interface SectionScore {
  f1: number;
}

function score(
  folder: string,
  files: string[],
  gold: string,
): Record<'aidFlows' | 'caseCounts' | 'timeline', SectionScore> {
  const preds = files.map((f) =>
    toSchema(f, extractArticle({ fileName: f, bytes: readFileSync(path.join(folder, f)) })),
  );
  const predFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'extract-score-')), 'pred.json');
  writeFileSync(predFile, JSON.stringify(preds));
  const out = execFileSync(
    process.execPath,
    [scorer, '--gold', gold, '--pred', predFile, '--json'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Record<'aidFlows' | 'caseCounts' | 'timeline', SectionScore>;
}

describe.skipIf(!haveScorer)('extraction quality', () => {
  it.skipIf(!existsSync(seeds))('reaches F1 ≥ 0.9 in every section on the seed articles', () => {
    const files = readdirSync(seeds).filter((f) => f.endsWith('.txt'));
    const result = score(seeds, files, path.join(evalDir, 'gold'));
    for (const section of ['aidFlows', 'caseCounts', 'timeline'] as const)
      expect(result[section].f1, section).toBeGreaterThanOrEqual(0.9);
  });

  it("reaches F1 ≥ 0.85 in every section on the project's own samples (other countries, donors, diseases, formats)", () => {
    const folder = path.join(root, 'samples');
    const files = readdirSync(path.join(folder, 'gold'))
      .filter((g) => g.endsWith('.gold.json'))
      .map(
        (g) =>
          (JSON.parse(readFileSync(path.join(folder, 'gold', g), 'utf8')) as { article: string })
            .article,
      );
    const result = score(folder, files, path.join(folder, 'gold'));
    for (const section of ['aidFlows', 'caseCounts', 'timeline'] as const)
      expect(result[section].f1, section).toBeGreaterThanOrEqual(0.85);
  });
});
