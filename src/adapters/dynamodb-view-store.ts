/**
 * One version of the read models on DynamoDB, in the views table beside the others: every key of
 * version n > 0 starts with `V<n>#` (its partition keys and its list partitions), version 0 — the
 * items a table held before views had versions — has none. Within a version:
 *   A#<articleId> / #ARTICLE                 the article's view and its projection bookkeeping
 *   A#<articleId> / #IDX#status              the article listed under its outcome
 *   G#<view>#<groupKey> / #GROUP             a group's assembled entries, revision and index
 *   G#<view>#<groupKey> / C#<article>#n      one article's contribution to the group
 *   G#<view>#<groupKey> / #IDX#<entry>#<f>#<v>  one entry listed in one partition
 * Articles and index items carry listPk/listSk: the sparse `byList` index holds one partition per
 * view (its whole list) and per facet value (`aidFlows|recipient=PRK`), so a list request reads
 * one partition in order, however much the others hold. A group and its index items change in
 * one transaction, conditional on the group's revision. Store cursors name keys without the
 * version, so a page read from one version continues in the next (dynamodb-view-versions.ts).
 */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { EntriesQuery, ListedEntry, ListRange, Page, ViewVersion } from '../app/ports';
import { viewNamed } from '../domain/facts';
import { ViewConflictError } from '../domain/errors';
import { boundKey, listPartition } from '../domain/projections/contributions';
import type {
  ArticleRecord,
  ArticleView,
  Contribution,
  GroupRef,
  GroupState,
  IndexRow,
} from '../domain/projections/model';
import { articleListSortKey, type Snapshot } from '../domain/projections/project-all';
import { VIEWS_TABLE } from '../tables';
import { decodeCursor, encodeCursor } from './cursor';
import { inParallel } from '../app/parallel';
import { batchWriteAll, chunks, WRITE_CONCURRENCY } from './dynamodb-batch';

const ARTICLE_SK = '#ARTICLE';
const GROUP_SK = '#GROUP';
const STATUS_SK = '#IDX#status';
const ARTICLES_LIST = 'articles';

/** The prefix of every partition key of a version (and of its list partitions). */
const versionPrefix = (version: number): string => (version === 0 ? '' : `V${version}#`);

/** The version an item's partition key belongs to. */
export const versionOfKey = (pk: string): number => Number(/^V(\d+)#/.exec(pk)?.[1] ?? 0);

const articlePk = (id: string) => `A#${id}`;
const groupPk = (r: { view: string; groupKey: string }) => `G#${r.view}#${boundKey(r.groupKey)}`;
const contributionSk = (articleId: string, factIndex: number) =>
  `C#${articleId}#${String(factIndex).padStart(5, '0')}`;
const indexSk = (r: IndexRow) => `#IDX#${r.entryId}#${r.facet}#${r.value}`;
const articlesList = (status?: string) =>
  status ? `${ARTICLES_LIST}|status=${status}` : ARTICLES_LIST;

/** DynamoDB takes at most 100 actions in one transaction. */
const MAX_TRANSACTION = 100;

const entryIdOf = (view: string, entry: unknown): string =>
  (viewNamed(view).entryId as (e: unknown) => string)(entry);

export class DynamoDbViewStore implements ViewVersion {
  private readonly doc: DynamoDBDocumentClient;
  private readonly prefix: string;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    version = 0,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.prefix = versionPrefix(version);
  }

  /** An item's partition keys in this version. */
  private own(item: Record<string, unknown>): Record<string, unknown> {
    return {
      ...item,
      pk: this.prefix + String(item.pk),
      ...(item.listPk === undefined ? {} : { listPk: this.prefix + String(item.listPk) }),
    };
  }

  /** An item as the rest of the code knows it: its keys without the version. */
  private unown(item: Record<string, unknown>): Record<string, unknown> {
    const strip = (k: unknown) => String(k).slice(this.prefix.length);
    return {
      ...item,
      pk: strip(item.pk),
      ...(item.listPk === undefined ? {} : { listPk: strip(item.listPk) }),
    };
  }

  private key(pk: string, sk: string): { pk: string; sk: string } {
    return { pk: this.prefix + pk, sk };
  }

  async getArticle(articleId: string): Promise<ArticleRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.key(articlePk(articleId), ARTICLE_SK),
        ConsistentRead: true,
      }),
    );
    return Item ? toArticleRecord(this.unown(Item)) : null;
  }

  async putArticle(state: ArticleRecord, expectedRev: number | null): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.own(articleItem(state)),
          ConditionExpression: expectedRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev',
          ExpressionAttributeValues: expectedRev === null ? undefined : { ':rev': expectedRev },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ViewConflictError(`article ${state.articleId}`);
      throw error;
    }
    await this.putStatus(state);
  }

  /**
   * The article listed under its outcome, which changes when it is withdrawn or shown again: the
   * listing follows the newest outcome, so a writer late with an older one changes nothing.
   */
  private async putStatus(state: ArticleRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.own(statusItem(state)),
          ConditionExpression: 'attribute_not_exists(pk) OR extractionSeq <= :seq',
          ExpressionAttributeValues: { ':seq': state.extractionSeq },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async putContributions(contributions: Contribution[]): Promise<void> {
    await this.batchWrite(
      contributions.map((c) => ({ PutRequest: { Item: this.own(contributionItem(c)) } })),
    );
  }

  /** Its items built as the batches go out (a whole version does not sit in memory twice). */
  async writeSnapshot(state: Snapshot): Promise<number> {
    let count = 0;
    const own = (item: Record<string, unknown>) => {
      count++;
      return { PutRequest: { Item: this.own(item) } };
    };
    function* requests() {
      for (const a of state.articles) yield* [own(articleItem(a)), own(statusItem(a))];
      for (const c of state.contributions) yield own(contributionItem(c));
      for (const g of state.groups)
        if (g.entries.length > 0) yield* [groupItem(g), ...indexItems(g)].map(own);
    }
    await batchWriteAll(this.doc, this.tableName, requests());
    return count;
  }

  async deleteContributions(keys: GroupRef[]): Promise<void> {
    await this.batchWrite(
      keys.map((k) => ({
        DeleteRequest: {
          Key: this.key(groupPk(k), contributionSk(k.articleId ?? '', k.factIndex ?? 0)),
        },
      })),
    );
  }

  async touchGroups(groups: GroupRef[]): Promise<void> {
    await inParallel(groups, WRITE_CONCURRENCY, async (g) => {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(groupPk(g), GROUP_SK),
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
        Key: this.key(groupPk(group), GROUP_SK),
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
          ExpressionAttributeValues: { ':pk': this.prefix + groupPk(group), ':c': 'C#' },
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

  /**
   * The group item (conditional on its revision) and its index items change together. An index
   * larger than one transaction continues in further ones, each checking the revision still
   * holds; the group item lists its whole index first, so a later writer removes whatever an
   * interrupted one left.
   */
  async writeGroup(state: GroupState): Promise<void> {
    const pk = this.prefix + groupPk(state);
    const { Item: stored } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk: GROUP_SK },
        ConsistentRead: true,
      }),
    );
    const previous = new Set(
      ((stored?.index as string | undefined)
        ? (JSON.parse(String(stored!.index)) as IndexRow[])
        : []
      ).map(indexSk),
    );
    const next = indexItems(state);
    const keep = new Set(next.map((i) => String(i.sk)));
    const deletes = [...previous]
      .filter((sk) => !keep.has(sk))
      .map((sk) => ({ Delete: { TableName: this.tableName, Key: { pk, sk } } }));
    const puts = next.map((i) => ({ Put: { TableName: this.tableName, Item: this.own(i) } }));
    const condition =
      state.rev === 0
        ? {
            ConditionExpression: 'attribute_not_exists(rev) OR rev = :rev',
            ExpressionAttributeValues: { ':rev': 0 },
          }
        : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': state.rev } };
    const head =
      state.entries.length === 0
        ? { Delete: { TableName: this.tableName, Key: { pk, sk: GROUP_SK }, ...condition } }
        : { Put: { TableName: this.tableName, Item: this.own(groupItem(state)), ...condition } };
    const check = {
      ConditionCheck: { TableName: this.tableName, Key: { pk, sk: GROUP_SK }, ...condition },
    };
    const ops = [...deletes, ...puts];
    const [first = [], ...rest] = chunks(ops, MAX_TRANSACTION - 1);
    try {
      await this.transact([head, ...first]);
      // After the head is written its revision still holds (writing does not raise it), so the
      // rest check it; an empty group has no head left to check and needs no rest.
      for (const part of rest) await this.transact([check, ...part]);
    } catch (error) {
      if (isConditionFailure(error))
        throw new ViewConflictError(`group ${state.view}/${state.groupKey}`);
      throw error;
    }
  }

  async listEntries(view: string, query: EntriesQuery): Promise<Page<ListedEntry>> {
    const { facet, ...range } = query;
    const partition = listPartition(
      view,
      facet ? { facet: facet.name, value: boundKey(facet.value, 200) } : { facet: '', value: '' },
    );
    const page = await this.list(partition, range);
    return {
      items: page.items.map((i) => ({ sk: String(i.listSk), entry: JSON.parse(String(i.entry)) })),
      next: page.next,
    };
  }

  async listArticles(
    cursor: string | null,
    limit: number,
    range: Omit<ListRange, 'descending'> = {},
    status?: ArticleRecord['view']['status'],
  ): Promise<Page<ArticleRecord>> {
    const page = await this.list(articlesList(status), {
      ...range,
      cursor,
      limit,
      descending: true,
    });
    return { items: page.items.map((i) => toArticleRecord(this.unown(i))), next: page.next };
  }

  private async list(
    listPk: string,
    o: ListRange & { cursor: string | null; limit: number },
  ): Promise<Page<Record<string, unknown>>> {
    const index = VIEWS_TABLE.listIndex;
    const range =
      o.fromSk !== undefined && o.toSk !== undefined
        ? ' AND #sk BETWEEN :from AND :to'
        : o.fromSk !== undefined
          ? ' AND #sk >= :from'
          : o.toSk !== undefined
            ? ' AND #sk <= :to'
            : '';
    if (o.fromSk !== undefined && o.toSk !== undefined && o.fromSk > o.toSk)
      return { items: [], next: null };
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: `#pk = :pk${range}`,
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...(range ? { '#sk': index.sortKey } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': this.prefix + listPk,
        ...(o.fromSk !== undefined ? { ':from': o.fromSk } : {}),
        ...(o.toSk !== undefined ? { ':to': o.toSk } : {}),
      },
      Limit: o.limit,
      ScanIndexForward: !o.descending,
      ExclusiveStartKey: this.startKey(o.cursor),
    };
    const page = await this.doc.send(new QueryCommand(input));
    return {
      items: page.Items ?? [],
      next: encodeCursor(page.LastEvaluatedKey && this.unown(page.LastEvaluatedKey)),
    };
  }

  private startKey(cursor: string | null): Record<string, unknown> | undefined {
    const key = decodeCursor(cursor);
    return key && this.own(key);
  }

  private async transact(items: Record<string, unknown>[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
  }

  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    await batchWriteAll(this.doc, this.tableName, requests);
  }
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

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

/** The listing needs the view, not the projection's bookkeeping. */
const statusItem = (state: ArticleRecord) => ({
  ...articleItem({ ...state, contributionKeys: [], pendingKeys: null }),
  sk: STATUS_SK,
  listPk: articlesList(state.view.status),
});

const contributionItem = (c: Contribution) => ({
  pk: groupPk(c),
  sk: contributionSk(c.articleId, c.factIndex),
  contribution: JSON.stringify(c),
});

const groupItem = (g: GroupState) => ({
  pk: groupPk(g),
  sk: GROUP_SK,
  groupKey: g.groupKey,
  rev: g.rev,
  entries: JSON.stringify(g.entries),
  index: JSON.stringify(g.index),
});

function indexItems(g: GroupState): Record<string, unknown>[] {
  const byId = new Map(g.entries.map((e) => [entryIdOf(g.view, e), e]));
  return g.index.map((row) => ({
    pk: groupPk(g),
    sk: indexSk(row),
    listPk: listPartition(g.view, row),
    listSk: row.sk,
    entry: JSON.stringify(byId.get(row.entryId)),
  }));
}

/** Views stored before articles carried warnings have none. */
const withWarnings = (view: ArticleView): ArticleView => ({
  ...view,
  warnings: view.warnings ?? [],
});

function toArticleRecord(item: Record<string, unknown>): ArticleRecord {
  return {
    articleId: String(item.pk).slice(2),
    rev: Number(item.rev),
    extractionSeq: Number(item.extractionSeq),
    contributionKeys: JSON.parse(String(item.contributionKeys)) as GroupRef[],
    pendingKeys: item.pendingKeys ? (JSON.parse(String(item.pendingKeys)) as GroupRef[]) : null,
    view: withWarnings(JSON.parse(String(item.view)) as ArticleView),
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
    index: item.index ? (JSON.parse(String(item.index)) as IndexRow[]) : [],
  };
}
