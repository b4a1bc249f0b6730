/**
 * The local stack's extractor runs off its event loop, within a budget (issue 14, item 2): an
 * upload that takes long to extract neither stalls the API meanwhile nor ends in a timeout.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessExtractor } from '../../src/adapters/in-process-extractor';
import { TooComplexError } from '../../src/domain/errors';
import type { PreparedArticle } from '../../src/domain/extractor/types';
import { workerExtractor, type WorkerExtractor } from '../../local/worker-extractor';

const input = {
  fileName: 'yemen.txt',
  bytes: new TextEncoder().encode(
    'Cholera in Yemen\n\nThe ministry said on March 3, 2021 that 1,200 people had tested positive in Aden. The WHO delivered 5,000 test kits to Yemen on Monday.\n',
  ),
  metadata: { publishedAt: '2021-03-10' },
};

let extractor: WorkerExtractor | undefined;
afterEach(async () => {
  await extractor?.close();
  extractor = undefined;
});

describe('the worker-thread extractor', () => {
  it('given an article, then it prepares it and finds its facts exactly as in the caller’s thread', async () => {
    extractor = workerExtractor({ threads: 1 });
    const prepared = await extractor.prepare(input);
    expect(prepared).toEqual(await inProcessExtractor.prepare(input));
    const facts = await extractor.findFacts(prepared as PreparedArticle);
    expect(facts).toEqual(await inProcessExtractor.findFacts(prepared as PreparedArticle));
    expect(facts.caseCounts.length + facts.aidFlows.length).toBeGreaterThan(0);
  });

  it('given a step that never ends, then it is a too_complex rejection after the budget, the event loop turning meanwhile, and the next step gets a fresh thread', async () => {
    extractor = workerExtractor({
      threads: 1,
      budgetMs: 300,
      workerFile: path.resolve(import.meta.dirname, '../support/spinning-extract-worker.ts'),
    });
    let turns = 0;
    const ticker = setInterval(() => turns++, 10);
    try {
      const prepared = await extractor.prepare(input);
      expect(prepared).toMatchObject({ kind: 'rejected', reason: 'too_complex' });
      expect(turns).toBeGreaterThan(0);
      const facts = extractor.findFacts({} as PreparedArticle);
      await expect(facts).rejects.toBeInstanceOf(TooComplexError);
    } finally {
      clearInterval(ticker);
    }
  });
});
