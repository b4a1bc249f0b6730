import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbViewVersions } from '../../src/adapters/dynamodb-view-versions';
import { LiveViews } from '../../src/app/live-views';
import type { ViewReader } from '../../src/app/ports';
import { VIEW_NAMES } from '../../src/domain/facts';
import type { AllViews } from '../../src/domain/projections/project-all';

/** Every read model as the list routes page through it, in one object. */
export async function readAllViews(views: ViewReader): Promise<AllViews> {
  const out = { articles: [] } as unknown as AllViews;
  for (let cursor: string | null = null; ;) {
    const page = await views.listArticles(cursor, 200);
    out.articles.push(...page.items.map((a) => a.view));
    if (!(cursor = page.next)) break;
  }
  for (const view of VIEW_NAMES) {
    out[view] = [];
    for (let cursor: string | null = null; ;) {
      const page = await views.listEntries(view, { facet: null, cursor, limit: 200 });
      out[view].push(...page.items.map((i) => i.entry));
      if (!(cursor = page.next)) break;
    }
  }
  return out;
}

/** The live version of a views table, the pointer read afresh on every call. */
export const liveViews = (dynamo: DynamoDBClient, table: string): ViewReader =>
  new LiveViews(new DynamoDbViewVersions(dynamo, table), { ttlMs: 0, now: Date.now });
