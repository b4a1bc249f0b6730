/**
 * The local stack extracts off its event loop (issue 14, item 2). On AWS each ingest invocation
 * has an execution environment of its own; locally the API, the S3 bridge and the projector share
 * one event loop, so the stack runs the extractor in worker threads: while a large upload's facts
 * are being found, the API keeps answering. "While" is told by the extractor itself, not by a
 * clock: run in the caller's thread, the facts are found between two turns of the event loop and
 * no request could be answered in between.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHAPES } from '../../bench/pathological';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ARTICLES_PREFIX } from '../../src/tables';
import { eventually } from '../support/clients';

/** Whether facts are being found right now, and how often /health answered meanwhile. */
const finding = { now: false, calls: 0, healthAnswers: 0 };

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({
    dataDir: null,
    apiPort: 0,
    decorateExtractor: (extractor) => ({
      ...extractor,
      async findFacts(article) {
        finding.now = true;
        finding.calls++;
        try {
          return await extractor.findFacts(article);
        } finally {
          finding.now = false;
        }
      },
    }),
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

interface ArticleView {
  fileName: string;
  status: string;
}

describe('the local stack, given an upload whose facts take seconds to find', () => {
  it('when it is 1 MB of a sentence of figures, then /health answers while its facts are found, and the article ends extracted', async () => {
    const shape = SHAPES.find((s) => s.fileName === 'figures.txt')!;
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: `${ARTICLES_PREFIX}${shape.fileName}`,
        Body: shape.make(1024 * 1024),
      }),
    );
    const article = await eventually(
      async () => {
        const health = await fetch(`${stack.apiUrl}/health`);
        if (health.ok && finding.now) finding.healthAnswers++;
        const res = await fetch(`${stack.apiUrl}/articles`, {
          headers: { authorization: `Bearer ${stack.tokens.reader}` },
        });
        const { items } = (await res.json()) as { items: ArticleView[] };
        return items.find((a) => a.fileName === shape.fileName);
      },
      120_000,
      `${shape.fileName} in /articles`,
    );
    expect(article.status).toBe('extracted');
    expect(finding.calls).toBe(1);
    expect(finding.healthAnswers).toBeGreaterThan(0);
  });
});
