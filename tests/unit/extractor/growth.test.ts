/**
 * Inputs built to be slow (issue 14, item 2): extraction must be linear in the input. For each
 * shape of bench/pathological.ts, the work of extracting 40 KB and 1 MB is compared with 10 KB,
 * as CPU time across sizes, never against a clock.
 *
 * Linear work grows 4-fold and 100-fold, quadratic work 16-fold and 10,000-fold. The bounds (10
 * and 300) sit between the two. Linear shapes measured up to 170-fold at 1 MB on a loaded
 * machine: a megabyte's tokens stay live until its facts are found, so each byte costs the
 * garbage collector more than in a small article. A quadratic shape fails at 40 KB, before its
 * megabyte would take minutes.
 */
import { describe, expect, it } from 'vitest';
import { SHAPES, type Shape } from '../../../bench/pathological';
import { extractArticle } from '../../../src/domain/extractor';

/** Prepares the article and finds its facts, or stops where the work budget does. */
function extract(shape: Shape, text: string): void {
  extractArticle({ fileName: shape.fileName, bytes: new TextEncoder().encode(text) });
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('given an input built to be slow', () => {
  it.each(SHAPES)(
    'when it is $name, then 1 MB takes at most 300 times the work of 10 KB',
    (shape) => {
      const small = shape.make(10 * 1024);
      extract(shape, small);
      // Ten runs, so that the small article pays its share of garbage collection too.
      const base = Math.max(
        1,
        cpuMs(() => [...Array(10)].forEach(() => extract(shape, small))) / 10,
      );

      const mid = cpuMs(() => extract(shape, shape.make(40 * 1024)));
      expect(mid / base, `40 KB took ${mid} ms, 10 KB ${base} ms`).toBeLessThan(10);

      const large = cpuMs(() => extract(shape, shape.make(1024 * 1024)));
      expect(large / base, `1 MB took ${large} ms, 10 KB ${base} ms`).toBeLessThan(300);
    },
    300_000,
  );
});
