/**
 * The read side's queries, over the read ports only: a page of any view through its fact kind's
 * query plan, the aid-flow graph, and an article with its facts and text.
 */
import type { EventStore, ObjectStore, ViewReader } from '../app/ports';
import { isFactEvent, type EventOf } from '../domain/events';
import { FACT_KINDS, type AnyView } from '../domain/facts';
import { corridorsView, type CorridorEntry } from '../domain/facts/aid-flow';
import type { QueryPlan } from '../domain/facts/kind';
import { streamIdOf } from '../domain/ids';
import type * as z from 'zod';
import { exportReply, type ExportDeps, type ExportRequest } from './exports';
import { pageEntries, type PageOf, type Position } from './paging';
import type { aidFlowGraphQuery, ArticleDetail, Graph } from './schemas';

export interface Paged {
  limit: number;
  cursor?: Position | undefined;
}

const planOf = (view: AnyView, query: unknown): QueryPlan<unknown> =>
  (view.plan as (q: unknown) => QueryPlan<unknown>)(query);

/** One page of a view, read from the partition its fact kind's plan picks. */
export function viewPage(
  views: ViewReader,
  view: AnyView,
  query: Record<string, unknown> & Paged,
): Promise<PageOf<unknown>> {
  return pageEntries(views, view.name, planOf(view, query), {
    limit: query.limit,
    cursor: query.cursor,
  });
}

/** Every matching entry as CSV or GeoJSON. */
export const viewExport = (
  deps: ExportDeps,
  request: Omit<ExportRequest, 'plan'> & { query: Record<string, unknown> },
  instance: string,
) =>
  exportReply(
    deps,
    { view: request.view, plan: planOf(request.view, request.query), format: request.format },
    instance,
  );

/** More corridors than a diagram can show legibly; the graph says when it was cut. */
const MAX_GRAPH_FLOWS = 2000;

/**
 * Donors on one side and recipients on the other, so the graph is acyclic (a Sankey needs that)
 * even when a country both gives and receives. One link per corridor; its width is how many
 * independent reports the corridor stands on, its status the corridor's latest.
 */
export async function aidFlowGraph(
  views: ViewReader,
  q: z.output<ReturnType<typeof aidFlowGraphQuery>>,
): Promise<Graph> {
  const corridors: CorridorEntry[] = [];
  let cursor: Position | undefined;
  // Bounded by what is read, not by what matched: a filter that keeps few corridors stops too.
  let read = 0;
  do {
    const page = await pageEntries(views, corridorsView.name, corridorsView.plan(q), {
      limit: 500,
      cursor,
    });
    corridors.push(...page.items);
    read += page.read;
    cursor = page.next ?? undefined;
  } while (cursor && corridors.length < MAX_GRAPH_FLOWS && read < MAX_GRAPH_FLOWS);
  const shown = corridors.slice(0, MAX_GRAPH_FLOWS);
  const nodes = new Map<string, Graph['nodes'][number]>();
  const node = (side: 'donor' | 'recipient', name: string | null, code: string | null) => {
    const label = name ?? 'unknown';
    const id = `${side}:${(code ?? label).toLowerCase()}`;
    if (!nodes.has(id)) nodes.set(id, { id, name: label, code, side, value: 0 });
    return nodes.get(id)!;
  };
  const links = shown.map((c) => {
    const source = node('donor', c.donor, c.donorCode),
      target = node('recipient', c.recipient, c.recipientCode);
    source.value += c.independentSources;
    target.value += c.independentSources;
    return {
      source: source.id,
      target: target.id,
      value: c.independentSources,
      corridorId: c.id,
      itemGroups: c.itemGroups,
      status: c.latestStatus,
    };
  });
  return {
    nodes: [...nodes.values()],
    links,
    truncated: corridors.length > MAX_GRAPH_FLOWS || cursor !== undefined,
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
