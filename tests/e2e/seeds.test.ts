/**
 * The five seed articles through the whole local pipeline: corroboration across articles,
 * idempotent re-ingestion, and a rebuild that leaves the API's answers byte-identical.
 * Needs ../shared/seeds (CI has it); skips, saying why, where it is absent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEventStore } from '../../shared/adapters/dynamodb-event-store';
import { DynamoDbViewStore } from '../../shared/adapters/dynamodb-view-store';
import { rebuildViews } from '../../shared/use-cases';
import { clientsFor, eventually } from '../support/clients';

const seedsDir = path.resolve(import.meta.dirname, '../../../shared/seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`skipping the seed pipeline tests: ${seedsDir} does not exist (it is provided beside the repository in CI)`);

const stack = inject('stack');
const api = clientsFor(stack);

interface Page<T> {
  items: T[];
  next: string | null;
}

async function all<T>(route: string): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | null = null; ; ) {
    const sep = route.includes('?') ? '&' : '?';
    const { body }: { body: Page<T> } = await api.get<Page<T>>(`${route}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...body.items);
    if (!(cursor = body.next)) return items;
  }
}

async function digest(): Promise<string> {
  const hash = createHash('sha256');
  for (const route of ['/timeline', '/aid-flows', '/case-counts']) hash.update(JSON.stringify(await all(route)));
  return hash.digest('hex');
}

const seeds = haveSeeds ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort() : [];

async function ingestSeeds(prefix = '') {
  for (const f of seeds) await api.upload(`${prefix}${f}`, readFileSync(path.join(seedsDir, f)));
}

async function settle(count: number) {
  await eventually(async () => {
    const articles = await all<{ fileName: string }>('/articles');
    return seeds.every((s) => articles.some((a) => a.fileName === s)) && articles.length >= count ? articles : undefined;
  }, 30_000, 'the seeds to be listed');
  let last = '';
  await eventually(async () => {
    const d = await digest();
    const stable = d === last;
    last = d;
    if (!stable) await new Promise((r) => setTimeout(r, 500));
    return stable ? d : undefined;
  }, 30_000, 'the views to settle');
}

describe.skipIf(!haveSeeds)('the seed articles through the local pipeline', () => {
  it('gives one tested case count of 40,700 with three sources', async () => {
    const before = (await all('/articles')).length;
    await ingestSeeds();
    await settle(before + seeds.length);
    const counts = await all<{ metric: string; value: number; sources: unknown[] }>('/case-counts');
    const tested = counts.filter((c) => c.metric === 'tested' && c.value === 40700);
    expect(tested).toHaveLength(1);
    expect(tested[0]!.sources).toHaveLength(3);
  });

  it('ingesting them all again, plus one under another name, changes neither the article count nor the views', async () => {
    const articles = (await all('/articles')).length;
    const views = await digest();
    await ingestSeeds();
    await api.upload(`renamed-${seeds[0]}`, readFileSync(path.join(seedsDir, seeds[0]!)));
    await new Promise((r) => setTimeout(r, 2000));
    expect((await all('/articles')).length).toBe(articles);
    expect(await digest()).toBe(views);
  });

  it('a rebuild leaves /timeline, /aid-flows and /case-counts byte-identical', async () => {
    const before = await digest();
    await rebuildViews(new DynamoDbEventStore(api.dynamo, stack.eventsTable), new DynamoDbViewStore(api.dynamo, stack.viewsTable));
    expect(await digest()).toBe(before);
  });
});
