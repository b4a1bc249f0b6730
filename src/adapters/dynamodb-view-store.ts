/**
 * Read models on DynamoDB, one table:
 *   A#<articleId> / #ARTICLE            the article's view and its projection bookkeeping
 *   G#<view>#<groupKey> / #GROUP        a group's assembled entries and its revision
 *   G#<view>#<groupKey> / C#<article>#n one article's contribution to the group
 * Articles and non-empty groups carry listPk/listSk, so the sparse list index pages a view in
 * order with one Query.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ViewConflictError } from '../domain/errors';
import type { ListRange, Page, ProjectionStore, ViewReader, ViewSnapshots } from '../app/ports';
import type {
  ArticleRecord,
  ArticleView,
  Contribution,
  GroupRef,
  GroupState,
} from '../domain/projections/model';
import { articleListSortKey, type ProjectedState } from '../domain/projections/project-all';
import { VIEWS_TABLE } from '../tables';
import { decodeCursor, encodeCursor } from './cursor';

const ARTICLE_SK = '#ARTICLE';
const GROUP_SK = '#GROUP';
const ARTICLES_LIST = 'articles';

const articlePk = (id: string) => `A#${id}`;
const groupPk = (r: { view: string; groupKey: string }) => `G#${r.view}#${r.groupKey}`;
const contributionSk = (articleId: string, factIndex: number) =>
  `C#${articleId}#${String(factIndex).padStart(5, '0')}`;

interface ListOptions extends ListRange {
  cursor: string | null;
  limit: number;
}

const BATCH = 25;
const CONCURRENCY = 8;

async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export class DynamoDbViewStore implements ProjectionStore, ViewReader, ViewSnapshots {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  async getArticle(articleId: string): Promise<ArticleRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: articlePk(articleId), sk: ARTICLE_SK },
        ConsistentRead: true,
      }),
    );
    return Item ? toArticleRecord(Item) : null;
  }

  async putArticle(state: ArticleRecord, expectedRev: number | null): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: articleItem(state),
          ConditionExpression: expectedRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev',
          ExpressionAttributeValues: expectedRev === null ? undefined : { ':rev': expectedRev },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ViewConflictError(`article ${state.articleId}`);
      throw error;
    }
  }

  async putContributions(contributions: Contribution[]): Promise<void> {
    await this.batchWrite(
      contributions.map((c) => ({ PutRequest: { Item: contributionItem(c) } })),
    );
  }

  async writeSnapshot(state: ProjectedState): Promise<void> {
    await this.batchWrite([
      ...state.articles.map((a) => ({ PutRequest: { Item: articleItem(a) } })),
      ...state.contributions.map((c) => ({ PutRequest: { Item: contributionItem(c) } })),
      ...state.groups
        .filter((g) => g.listSk !== null)
        .map((g) => ({ PutRequest: { Item: groupItem(g) } })),
    ]);
  }

  async deleteContributions(keys: GroupRef[]): Promise<void> {
    await this.batchWrite(
      keys.map((k) => ({
        DeleteRequest: {
          Key: { pk: groupPk(k), sk: contributionSk(k.articleId ?? '', k.factIndex ?? 0) },
        },
      })),
    );
  }

  async touchGroups(groups: GroupRef[]): Promise<void> {
    await inParallel(groups, CONCURRENCY, async (g) => {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: groupPk(g), sk: GROUP_SK },
          UpdateExpression: 'ADD rev :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    });
  }

  async readGroup(
    group: GroupRef,
  ): Promise<{ state: GroupState | null; contributions: Contribution[] }> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: groupPk(group), sk: GROUP_SK },
        ConsistentRead: true,
      }),
    );
    const contributions: Contribution[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
          ExpressionAttributeValues: { ':pk': groupPk(group), ':c': 'C#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      contributions.push(
        ...(page.Items ?? []).map((i) => JSON.parse(String(i.contribution)) as Contribution),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    return { state: Item ? toGroupState(group, Item) : null, contributions };
  }

  async writeGroup(state: GroupState): Promise<void> {
    const condition = state.rev === 0 ? 'attribute_not_exists(pk)' : 'rev = :rev';
    const values = state.rev === 0 ? {} : { ':rev': state.rev };
    try {
      if (state.entries.length === 0 || state.listSk === null) {
        await this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: groupPk(state), sk: GROUP_SK },
            ConditionExpression: state.rev === 0 ? undefined : condition,
            ExpressionAttributeValues: state.rev === 0 ? undefined : values,
          }),
        );
        return;
      }
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: groupPk(state), sk: GROUP_SK },
          UpdateExpression: 'SET entries = :e, listPk = :lp, listSk = :ls',
          ConditionExpression: condition,
          ExpressionAttributeValues: {
            ...values,
            ':e': groupItem(state).entries,
            ':lp': state.view,
            ':ls': state.listSk,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ViewConflictError(`group ${state.view}/${state.groupKey}`);
      throw error;
    }
  }

  async clear(): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      await this.batchWrite((page.Items ?? []).map((Key) => ({ DeleteRequest: { Key } })));
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async listGroups(
    view: string,
    cursor: string | null,
    limit: number,
    options: ListRange = {},
  ): Promise<Page<GroupState>> {
    const page = await this.list(view, { cursor, limit, ...options });
    return {
      items: page.items.map((i) =>
        toGroupState({ view, groupKey: String(i.pk).slice(`G#${view}#`.length) }, i),
      ),
      next: page.next,
    };
  }

  async listArticles(
    cursor: string | null,
    limit: number,
    range: Omit<ListRange, 'descending'> = {},
  ): Promise<Page<ArticleRecord>> {
    const page = await this.list(ARTICLES_LIST, { ...range, cursor, limit, descending: true });
    return { items: page.items.map(toArticleRecord), next: page.next };
  }

  private async list(listPk: string, o: ListOptions): Promise<Page<Record<string, unknown>>> {
    const index = VIEWS_TABLE.listIndex;
    const range =
      o.fromSk !== undefined && o.toSk !== undefined
        ? ' AND #sk BETWEEN :from AND :to'
        : o.fromSk !== undefined
          ? ' AND #sk >= :from'
          : o.toSk !== undefined
            ? ' AND #sk <= :to'
            : '';
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: `#pk = :pk${range}`,
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...(range ? { '#sk': index.sortKey } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': listPk,
        ...(o.fromSk !== undefined ? { ':from': o.fromSk } : {}),
        ...(o.toSk !== undefined ? { ':to': o.toSk } : {}),
      },
      Limit: o.limit,
      ScanIndexForward: !o.descending,
      ExclusiveStartKey: decodeCursor(o.cursor),
    };
    const page = await this.doc.send(new QueryCommand(input));
    return { items: page.Items ?? [], next: encodeCursor(page.LastEvaluatedKey) };
  }

  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < requests.length; i += BATCH) chunks.push(requests.slice(i, i + BATCH));
    await inParallel(chunks, CONCURRENCY, async (chunk) => {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const out = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
        if (attempt > 10 && pending.length > 0)
          throw new Error(`DynamoDB left ${pending.length} writes unprocessed after retries`);
      }
    });
  }
}

function articleItem(state: ArticleRecord): Record<string, unknown> {
  return {
    pk: articlePk(state.articleId),
    sk: ARTICLE_SK,
    rev: state.rev,
    extractionSeq: state.extractionSeq,
    contributionKeys: JSON.stringify(state.contributionKeys),
    pendingKeys: state.pendingKeys ? JSON.stringify(state.pendingKeys) : undefined,
    status: state.view.status,
    view: JSON.stringify(state.view),
    listPk: ARTICLES_LIST,
    listSk: articleListSortKey(state.view),
  };
}

const contributionItem = (c: Contribution) => ({
  pk: groupPk(c),
  sk: contributionSk(c.articleId, c.factIndex),
  contribution: JSON.stringify(c),
});

const groupItem = (g: GroupState) => ({
  pk: groupPk(g),
  sk: GROUP_SK,
  rev: g.rev,
  entries: JSON.stringify(g.entries),
  listPk: g.view,
  listSk: g.listSk,
});

function toArticleRecord(item: Record<string, unknown>): ArticleRecord {
  return {
    articleId: String(item.pk).slice(2),
    rev: Number(item.rev),
    extractionSeq: Number(item.extractionSeq),
    contributionKeys: JSON.parse(String(item.contributionKeys)) as GroupRef[],
    pendingKeys: item.pendingKeys ? (JSON.parse(String(item.pendingKeys)) as GroupRef[]) : null,
    view: JSON.parse(String(item.view)) as ArticleView,
  };
}

function toGroupState(
  group: { view: string; groupKey: string },
  item: Record<string, unknown>,
): GroupState {
  return {
    view: group.view,
    groupKey: group.groupKey,
    rev: Number(item.rev ?? 0),
    entries: item.entries ? (JSON.parse(String(item.entries)) as unknown[]) : [],
    listSk: item.listSk ? String(item.listSk) : null,
  };
}
