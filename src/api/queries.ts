/**
 * The read side's queries, over the ports only: filters on the list views, the aid-flow graph,
 * and an article with its facts and text.
 */
import type * as z from 'zod';
import type { EventOf, FactEvent } from '../domain/events';
import { streamIdOf } from '../domain/ids';
import type { EventStore, ObjectStore, ViewStore } from '../app/ports';
import type { AidFlowEntry, CaseCountEntry, TimelineEntry } from '../domain/projections/model';
import { pageEntries, type PageOf, type Position } from './paging';
import type {
  AidFlowGraphQuery,
  ArticleDetail,
  CaseCountsQuery,
  Graph,
  TimelineQuery,
} from './schemas';

type Paged = { limit: number; cursor?: Position | undefined };

const earliest = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
const latest = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/**
 * Whether a partial date overlaps [from, to]: `2021-09` is in range for from=2021-09-15. A
 * year-less date cannot be placed, so any date bound leaves it out.
 */
export function inDateRange(
  date: string | null,
  from: string | undefined,
  to: string | undefined,
): boolean {
  if (!from && !to) return true;
  if (!date || date.startsWith('--')) return false;
  return (!from || latest(date) >= earliest(from)) && (!to || earliest(date) <= latest(to));
}

const lower = (s: string | undefined) => s?.toLowerCase();
/** Upper bound for list sort keys that start with `prefix|`: '}' is the character after '|'. */
const prefixRange = (prefix: string) => ({ fromSk: `${prefix}|`, toSk: `${prefix}}` });

export function timelinePage(
  views: ViewStore,
  q: z.output<typeof TimelineQuery>,
): Promise<PageOf<TimelineEntry>> {
  const location = lower(q.location),
    words = lower(q.q);
  const dated = Boolean(q.from || q.to);
  return pageEntries(views, 'timeline', {
    // Timeline sort keys start with the (partial) date, year-less ones with '~' after every dated
    // one; bounding by whole years keeps partial dates like `2021-09|…` in, and `keep` is exact.
    // Known gap: a group whose entries span years (same day, type and subjects) sorts by its
    // earliest, so `from` misses its later entries; one index item per entry would close it.
    ...(q.from ? { fromSk: q.from.slice(0, 4) } : {}),
    ...(dated ? { toSk: q.to ? `${q.to.slice(0, 4)}~` : '~' } : {}),
    filtered: Boolean(q.type || location || words || dated),
    keep: (e) =>
      (!q.type || e.type === q.type) &&
      (!location || e.subjects.some((s) => s.toLowerCase() === location)) &&
      (!words ||
        [
          e.summary,
          ...e.subjects,
          ...e.sources.flatMap((s) => [s.evidence.sentence, s.title ?? '']),
        ].some((t) => t.toLowerCase().includes(words))) &&
      inDateRange(e.date, q.from, q.to),
    limit: q.limit,
    cursor: q.cursor,
  });
}

export function caseCountsPage(
  views: ViewStore,
  q: z.output<typeof CaseCountsQuery>,
): Promise<PageOf<CaseCountEntry>> {
  const location = lower(q.location);
  return pageEntries(views, 'caseCounts', {
    // Sort keys are location|metric|date|…, so the two name filters are key ranges.
    ...(location ? prefixRange(q.metric ? `${location}|${q.metric}` : location) : {}),
    filtered: Boolean(q.metric || location || q.from || q.to),
    keep: (e) =>
      (!location || e.location?.toLowerCase() === location) &&
      (!q.metric || e.metric === q.metric) &&
      inDateRange(e.asOf, q.from, q.to),
    limit: q.limit,
    cursor: q.cursor,
  });
}

const keepAidFlow = (q: z.output<typeof AidFlowGraphQuery>) => {
  const donor = lower(q.donor),
    recipient = lower(q.recipient),
    item = lower(q.item);
  return (e: AidFlowEntry) =>
    (!donor || e.donor?.toLowerCase() === donor) &&
    (!recipient || e.recipient?.toLowerCase() === recipient) &&
    (!q.status || e.statuses.some((s) => s.status === q.status)) &&
    (!item || e.items.some((i) => i.toLowerCase().includes(item)));
};

export function aidFlowsPage(
  views: ViewStore,
  q: z.output<typeof AidFlowGraphQuery> & Paged,
): Promise<PageOf<AidFlowEntry>> {
  const donor = lower(q.donor),
    recipient = lower(q.recipient);
  return pageEntries(views, 'aidFlows', {
    // Sort keys are donor|recipient|id.
    ...(donor ? prefixRange(recipient ? `${donor}|${recipient}` : donor) : {}),
    filtered: Boolean(q.donor || q.recipient || q.status || q.item),
    keep: keepAidFlow(q),
    limit: q.limit,
    cursor: q.cursor,
  });
}

/**
 * The status a flow is at now: the one reported for the latest full or partial date, or, when
 * no report is dated, the last one listed.
 */
export function currentStatus(flow: AidFlowEntry): AidFlowEntry['statuses'][number] {
  const dated = flow.statuses.filter((s) => s.date !== null && /^\d{4}/.test(s.date));
  return dated.length
    ? dated.reduce((a, b) => (b.date! >= a.date! ? b : a))
    : flow.statuses.at(-1)!;
}

/** More flows than a diagram can show legibly; the graph says when it was cut. */
export const MAX_GRAPH_FLOWS = 2000;

/**
 * Donors on one side and recipients on the other, so the graph is acyclic (a Sankey needs that)
 * even when a country both gives and receives. A link's width is how many articles report it.
 */
export async function aidFlowGraph(
  views: ViewStore,
  q: z.output<typeof AidFlowGraphQuery>,
): Promise<Graph> {
  const flows: AidFlowEntry[] = [];
  let cursor: Position | undefined;
  do {
    const page = await aidFlowsPage(views, { ...q, limit: 500, cursor });
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

const isFact = (e: { type: string }): e is FactEvent =>
  e.type === 'AidFlowReported' || e.type === 'CaseCountReported' || e.type === 'HappeningReported';

/**
 * The article as the views show it, plus the facts of the extraction they show (read from its
 * stream: one Query) and the normalised text their evidence offsets point into.
 */
export async function articleDetail(
  deps: { views: ViewStore; events: EventStore; objects: ObjectStore; bucket: string },
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
  const facts: ArticleDetail['facts'] = { aidFlows: [], caseCounts: [], timeline: [] };
  for (const e of (commit?.events ?? []).filter(isFact).sort((a, b) => a.factIndex - b.factIndex)) {
    const base = { factIndex: e.factIndex, evidence: e.evidence, confidence: e.confidence };
    if (e.type === 'AidFlowReported') facts.aidFlows.push({ ...base, ...e.data });
    else if (e.type === 'CaseCountReported') facts.caseCounts.push({ ...base, ...e.data });
    else facts.timeline.push({ ...base, ...e.data });
  }
  return { ...view, text, facts };
}
