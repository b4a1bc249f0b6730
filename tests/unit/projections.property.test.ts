import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Commit } from '../../src/domain/commit';
import { ViewConflictError } from '../../src/domain/errors';
import { MemoryViewStore } from '../../src/adapters/memory-stores';
import { projectCommit } from '../../src/app/projector';
import { VIEW_NAMES } from '../../src/domain/facts';
import { projectAll, type AllViews } from '../../src/domain/projections/project-all';
import {
  aidFlow,
  caseCount,
  extracted,
  copyCommit,
  happening,
  ingestCommit,
  reextractCommit,
} from '../support/builders';

/** Small pools so that articles often report the same facts and corroborate each other. */
const factsArb = fc.record({
  caseCounts: fc.array(
    fc
      .record({
        value: fc.constantFrom(40700, 573, 94),
        asOf: fc.constantFrom('--09-23', '2021-09-23', '2022-09-23', null),
        qualifier: fc.constantFrom('exact' as const, 'approx' as const),
        confidence: fc.constantFrom(0.5, 0.8),
      })
      .map((o) => caseCount(o)),
    { maxLength: 3 },
  ),
  aidFlows: fc.array(
    fc
      .record({
        donor: fc.constantFrom('WHO', 'China', null),
        status: fc.constantFrom('shipped' as const, 'delivered' as const, 'rejected' as const),
        date: fc.constantFrom(null, '2021-09', '--09'),
      })
      .map((o) => aidFlow(o)),
    { maxLength: 3 },
  ),
  timeline: fc.array(
    fc
      .record({
        date: fc.constantFrom('--08', '2021-08', '2020-01'),
        subjects: fc.constantFrom('UN', 'North Korea'),
      })
      .map((o) => happening({ ...o, subjects: [o.subjects] })),
    { maxLength: 2 },
  ),
});

const historyArb = fc
  .array(
    fc.record({
      first: factsArb,
      reextracted: fc.option(factsArb, { nil: undefined }),
      copies: fc.nat(2),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((articles) =>
    articles.flatMap((a, i): Commit[] => {
      const id = `article${i}`;
      const first = ingestCommit(id, extracted(a.first));
      const commits = [first];
      for (let c = 0; c < a.copies; c++)
        commits.push(copyCommit(commits, `articles/copy${c}-${id}.txt`));
      const reextracted =
        a.reextracted &&
        reextractCommit(commits, extracted({ ...a.reextracted, extractorVersion: 'test-2' }));
      // A re-extraction that finds the same facts appends nothing.
      if (reextracted && reextracted.events.length > 0) commits.push(reextracted);
      return commits;
    }),
  );

/** Any order, with any record delivered up to three times. */
const deliveriesArb = (commits: Commit[]) =>
  fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: commits.length, maxLength: commits.length })
    .chain((repeats) =>
      fc.shuffledSubarray(
        commits.flatMap((c, i) => Array.from({ length: 1 + repeats[i]! }, () => c)),
        {
          minLength: commits.length + repeats.reduce((a, b) => a + b, 0),
        },
      ),
    );

async function viewsOf(store: MemoryViewStore): Promise<AllViews> {
  const out = {
    articles: (await store.listArticles(null, 10_000)).items.map((a) => a.view),
  } as AllViews;
  for (const v of VIEW_NAMES)
    out[v] = (await store.listEntries(v, { facet: null, cursor: null, limit: 10_000 })).items.map(
      (i) => i.entry,
    );
  return out;
}

describe('projections are independent of order and duplication', () => {
  it('projectAll gives the same views for any permutation and repetition of the commits', () => {
    fc.assert(
      fc.property(
        historyArb.chain((commits) => fc.tuple(fc.constant(commits), deliveriesArb(commits))),
        ([commits, delivered]) => {
          expect(JSON.stringify(projectAll(delivered))).toBe(JSON.stringify(projectAll(commits)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the incremental projector converges to projectAll for any delivery order, duplicates and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb.chain((commits) =>
          fc.tuple(fc.constant(commits), deliveriesArb(commits), fc.integer({ min: 1, max: 4 })),
        ),
        async ([commits, delivered, concurrency]) => {
          const store = new MemoryViewStore();
          let queue = delivered;
          // Like a stream consumer: batches run concurrently, a record that lost a race is retried.
          for (let round = 0; queue.length > 0 && round < 50; round++) {
            const retry: Commit[] = [];
            for (let i = 0; i < queue.length; i += concurrency) {
              const batch = queue.slice(i, i + concurrency);
              const results = await Promise.allSettled(batch.map((c) => projectCommit(store, c)));
              results.forEach((r, j) => {
                if (r.status === 'rejected') {
                  if (!(r.reason instanceof ViewConflictError)) throw r.reason;
                  retry.push(batch[j]!);
                }
              });
            }
            queue = retry;
          }
          expect(queue).toEqual([]);
          expect(JSON.stringify(await viewsOf(store))).toBe(JSON.stringify(projectAll(commits)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
