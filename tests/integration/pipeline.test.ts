import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Extractor } from '../../src/app/ports';
import { describe, expect, inject, it } from 'vitest';
import { localHandlers } from '../../local/composition';
import { objectCreatedRecord } from '../../local/s3-bridge';
import { ARTICLES_PREFIX, EVENTS_TABLE } from '../../src/tables';
import { clientsFor, eventually } from '../support/clients';

const stack = inject('stack');
const { upload, get, dynamo } = clientsFor(stack);

interface ArticleList {
  items: { id: string; fileName: string; status: string }[];
  next: string | null;
}

const article = (marker: string) =>
  `Relief flights reach the coast (${marker})\n\nThe Red Cross said on Tuesday that 40 tonnes of medical supplies had arrived in Beira by air.\nHealth officials reported 1,200 confirmed cholera cases in the province.`;

async function commitsOf(articleId: string): Promise<number> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: stack.eventsTable,
      KeyConditionExpression: '#pk = :s',
      ExpressionAttributeNames: { '#pk': EVENTS_TABLE.partitionKey },
      ExpressionAttributeValues: { ':s': { S: `article-${articleId}` } },
      ConsistentRead: true,
    }),
  );
  return out.Count ?? 0;
}

async function listed(fileName: string) {
  return eventually(
    async () => {
      const { body } = await get<ArticleList>('/articles?limit=500');
      return body.items.find((a) => a.fileName === fileName);
    },
    // A loaded machine (load 8 on two cores) took over 15 s for the first upload.
    60_000,
    `${fileName} in /articles`,
  );
}

describe('walking skeleton: upload an article, read it from the API', () => {
  it('answers /health', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
  });

  it('lists an uploaded article; a redelivered event appends nothing, a new upload of the same bytes only a receipt', async () => {
    const { versionId } = await upload('skeleton-once.txt', article('once'));
    expect(versionId).toBeTruthy();
    const first = await listed('skeleton-once.txt');
    expect(first.status).toBe('extracted');
    expect(await commitsOf(first.id)).toBe(1);

    // S3 delivers at least once: the same event (same object version) again appends nothing.
    const { ingest } = localHandlers(stack);
    const [again] = await ingest({
      Records: [
        objectCreatedRecord(stack.bucket, `${ARTICLES_PREFIX}skeleton-once.txt`, { versionId }),
      ],
    });
    expect(again?.outcome).toBe('redelivered');
    expect(await commitsOf(first.id)).toBe(1);

    // In the versioned bucket a second PUT of the same bytes is a new version, as on AWS: it is
    // recorded as one more receipt of the same article, not extracted again.
    await upload('skeleton-once.txt', article('once'));
    await eventually(
      async () => ((await commitsOf(first.id)) === 2 ? true : undefined),
      15_000,
      'the second receipt',
    );
    const { body } = await get<ArticleList>('/articles?limit=500');
    expect(body.items.filter((a) => a.id === first.id)).toHaveLength(1);
  });

  it('treats the same text under another key as the same article', async () => {
    await upload('skeleton-a.txt', article('twice'));
    const a = await listed('skeleton-a.txt');
    await upload('copy of skeleton-a.txt', `${article('twice')}\n\n`);
    await eventually(
      async () => ((await commitsOf(a.id)) === 2 ? true : undefined),
      15_000,
      'the second receipt',
    );
    const { body } = await get<ArticleList>('/articles?limit=500');
    expect(body.items.filter((x) => x.id === a.id)).toHaveLength(1);
  });

  it('serves list routes as { items, next }', async () => {
    for (const route of ['/timeline', '/aid-flows', '/case-counts', '/articles']) {
      const { status, body } = await get<{ items: unknown[]; next: unknown }>(route);
      expect(status, route).toBe(200);
      expect(Array.isArray(body.items), route).toBe(true);
      expect(body).toHaveProperty('next');
    }
  });
});

describe('re-extraction', () => {
  it('appends a superseding extraction, shows only the latest in the views, and deletes no event', async () => {
    const { DynamoDbEventStore } = await import('../../src/adapters/dynamodb-event-store');
    const { S3ObjectStore } = await import('../../src/adapters/s3-object-store');
    const { localExtractor } = await import('../../local/composition');
    const { reextractAll } = await import('../../src/app/reextract');
    const { s3 } = clientsFor(stack);
    await upload('reextract-me.txt', article('reextract'));
    const listedArticle = await listed('reextract-me.txt');
    const deps = {
      events: new DynamoDbEventStore(dynamo, stack.eventsTable),
      objects: new S3ObjectStore(s3),
      now: () => new Date().toISOString(),
    };

    // A newer extractor that, for this article, also finds a case count.
    const upgraded: Extractor = {
      version: `${localExtractor.version}+upgraded`,
      prepare: async (input) => {
        const article = await localExtractor.prepare(input);
        return { ...article, extractorVersion: `${localExtractor.version}+upgraded` };
      },
      findFacts: async (article) => {
        const facts = await localExtractor.findFacts(article);
        const sentence = article.text.split('\n')[0]!;
        if (!article.text.includes('(reextract)')) return facts;
        return {
          ...facts,
          caseCounts: [
            {
              location: 'Mozambique',
              metric: 'confirmed' as const,
              value: 424242,
              qualifier: 'exact' as const,
              asOf: null,
              disease: null,
              period: 'cumulative' as const,
              attribution: null,
              evidence: { sentence, start: 0, end: sentence.length },
              confidence: 0.9,
            },
          ],
        };
      },
    };
    const summary = await reextractAll({ ...deps, extractor: upgraded });

    expect(summary.failed).toEqual([]);
    // A new version alone supersedes nothing: only the article whose facts changed.
    expect(summary.superseded).toBe(1);
    expect(summary.unchanged).toBe(summary.articles - 1);
    expect(await commitsOf(listedArticle.id)).toBe(2);
    const counts = await eventually(
      async () => {
        const { body } = await get<{
          items: { value: number; sources: { articleId: string }[] }[];
        }>('/case-counts?limit=500');
        const mine = body.items.filter((c) =>
          c.sources.some((s) => s.articleId === listedArticle.id),
        );
        return mine.some((c) => c.value === 424242) ? mine : undefined;
      },
      45_000,
      'the superseding extraction in /case-counts',
    );
    expect(counts.map((c) => c.value)).toEqual([424242]);

    expect((await reextractAll({ ...deps, extractor: upgraded })).superseded).toBe(0);
  });
});
