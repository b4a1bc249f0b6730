/**
 * The five seed articles through the whole local pipeline: corroboration across articles,
 * idempotent re-ingestion, and a rebuild that leaves the API's answers byte-identical.
 * Needs ../shared/seeds (CI has it); skips, saying why, where it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import { DynamoDbViewVersions } from '../../src/adapters/dynamodb-view-versions';
import { rebuildViews } from '../../src/app/rebuild';
import { clientsFor, eventually } from '../support/clients';

const seedsDir = path.resolve(import.meta.dirname, '../../../shared/seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds)
  console.warn(
    `skipping the seed pipeline tests: ${seedsDir} does not exist (it is provided beside the repository in CI)`,
  );

const stack = inject('stack');
const api = clientsFor(stack);

const seeds = haveSeeds
  ? readdirSync(seedsDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
  : [];

async function ingestSeeds(prefix = '') {
  for (const f of seeds) await api.upload(`${prefix}${f}`, readFileSync(path.join(seedsDir, f)));
}

async function settle(count: number) {
  await eventually(
    async () => {
      const articles = await api.getAll<{ fileName: string }>('/articles');
      return seeds.every((s) => articles.some((a) => a.fileName === s)) && articles.length >= count
        ? articles
        : undefined;
    },
    // Half a minute was not enough when the whole suite shares two cores with other work.
    90_000,
    'the seeds to be listed',
  );
  await api.settledViews();
}

describe.skipIf(!haveSeeds)('the seed articles through the local pipeline', () => {
  it('gives one tested case count of 40,700 with three sources', async () => {
    const before = (await api.getAll('/articles')).length;
    await ingestSeeds();
    await settle(before + seeds.length);
    const counts = await api.getAll<{ metric: string; value: number; sources: unknown[] }>(
      '/case-counts',
    );
    const tested = counts.filter((c) => c.metric === 'tested' && c.value === 40700);
    expect(tested).toHaveLength(1);
    expect(tested[0]!.sources).toHaveLength(3);
  });

  it('ingesting them all again, plus one under another name, changes neither the article count nor the views', async () => {
    const articles = (await api.getAll('/articles')).length;
    const views = await api.viewsDigest();
    await ingestSeeds();
    await api.upload(`renamed-${seeds[0]}`, readFileSync(path.join(seedsDir, seeds[0]!)));
    await new Promise((r) => setTimeout(r, 2000));
    expect((await api.getAll('/articles')).length).toBe(articles);
    expect(await api.viewsDigest()).toBe(views);
  });

  it('a rebuild leaves /timeline, /aid-flows and /case-counts byte-identical', async () => {
    const before = await api.viewsDigest();
    await rebuildViews({
      events: new DynamoDbEventStore(api.dynamo, stack.eventsTable),
      versions: new DynamoDbViewVersions(api.dynamo, stack.viewsTable),
      now: () => new Date().toISOString(),
    });
    expect(await api.viewsDigest()).toBe(before);
  });
});
