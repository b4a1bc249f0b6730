/**
 * The read side's queries, over the read ports only: a page of any view through its fact kind's
 * query plan, the aid-flow graph, and an article with its facts and text.
 */
import type { EventStore, ObjectStore, ViewReader } from '../app/ports';
import { isFactEvent, type EventOf } from '../domain/events';
import { FACT_KINDS, type AnyView } from '../domain/facts';
import {
  aidFlowsView,
  currentStatus,
  type AidFlowEntry,
  type aidFlowFilters,
} from '../domain/facts/aid-flow';
import type { QueryPlan } from '../domain/facts/kind';
import { streamIdOf } from '../domain/ids';
import type * as z from 'zod';
import { pageEntries, type PageOf, type Position } from './paging';
import type { ArticleDetail, Graph } from './schemas';

export interface Paged {
  limit: number;
  cursor?: Position | undefined;
}

/** One page of a view, filtered as its fact kind plans the query. */
export function viewPage(
  views: ViewReader,
  view: AnyView,
  query: Record<string, unknown> & Paged,
): Promise<PageOf<unknown>> {
  const plan = (view.plan as (q: unknown) => QueryPlan<unknown>)(query);
  return pageEntries(views, view.name, { ...plan, limit: query.limit, cursor: query.cursor });
}

/** More flows than a diagram can show legibly; the graph says when it was cut. */
const MAX_GRAPH_FLOWS = 2000;

/**
 * Donors on one side and recipients on the other, so the graph is acyclic (a Sankey needs that)
 * even when a country both gives and receives. A link's width is how many articles report it.
 */
export async function aidFlowGraph(
  views: ViewReader,
  q: z.output<z.ZodObject<typeof aidFlowFilters>>,
): Promise<Graph> {
  const flows: AidFlowEntry[] = [];
  let cursor: Position | undefined;
  do {
    const page = await pageEntries(views, aidFlowsView.name, {
      ...aidFlowsView.plan(q),
      limit: 500,
      cursor,
    });
    flows.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor && flows.length < MAX_GRAPH_FLOWS);
  const shown = flows.slice(0, MAX_GRAPH_FLOWS);
  const nodes = new Map<string, Graph['nodes'][number]>();
  const node = (side: 'donor' | 'recipient', name: string | null) => {
    const label = name ?? 'unknown';
    const id = `${side}:${label.toLowerCase()}`;
    if (!nodes.has(id)) nodes.set(id, { id, name: label, side, value: 0 });
    return nodes.get(id)!;
  };
  const links = shown.map((f) => {
    const source = node('donor', f.donor),
      target = node('recipient', f.recipient);
    source.value += f.sourceCount;
    target.value += f.sourceCount;
    return {
      source: source.id,
      target: target.id,
      value: f.sourceCount,
      flowId: f.id,
      items: f.items,
      status: currentStatus(f).status,
    };
  });
  return {
    nodes: [...nodes.values()],
    links,
    truncated: flows.length > MAX_GRAPH_FLOWS || cursor !== undefined,
  };
}

/**
 * The article as the views show it, plus the facts of the extraction they show (read from its
 * stream: one Query) and the normalised text their evidence offsets point into.
 */
export async function articleDetail(
  deps: { views: ViewReader; events: EventStore; objects: ObjectStore; bucket: string },
  id: string,
): Promise<ArticleDetail | null> {
  const state = await deps.views.getArticle(id);
  if (!state) return null;
  const view = state.view;
  const [stream, text] = await Promise.all([
    view.extractionSeq === null ? null : deps.events.readStream(streamIdOf(id)),
    view.textKey ? deps.objects.getText(deps.bucket, view.textKey) : null,
  ]);
  const commit = stream?.commits.find((c) =>
    c.events.some(
      (e) =>
        e.type === 'ArticleExtracted' &&
        (e as EventOf<'ArticleExtracted'>).extraction.seq === view.extractionSeq,
    ),
  );
  const facts: Record<string, Record<string, unknown>[]> = Object.fromEntries(
    FACT_KINDS.map((k) => [k.key, []]),
  );
  const events = (commit?.events ?? []).filter(isFactEvent);
  for (const e of events.sort((a, b) => a.factIndex - b.factIndex)) {
    const key = FACT_KINDS.find((k) => k.eventType === e.type)!.key;
    facts[key]!.push({
      factIndex: e.factIndex,
      evidence: e.evidence,
      confidence: e.confidence,
      ...e.data,
    });
  }
  return { ...view, text, facts } as ArticleDetail;
}
