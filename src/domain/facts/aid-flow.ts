/**
 * Aid flows: who gave (or offered, pledged, refused…) what to whom, by which route, when. Two
 * articles meet on the donor → recipient pair; the entry is the pair's flow with every status
 * its sources report, oldest first.
 */
import * as z from 'zod';
import { dateSortKey, PartialDateSchema } from '../partial-date';
import { SourceSchema, type Contribution } from '../projections/model';
import {
  corroborated,
  codePointOrder,
  entryId,
  MAX_SOURCES_PER_ENTRY,
  normName,
  sourcedFields,
  strongest,
  uniqueSources,
} from '../projections/sources';
import { AttributionSchema } from './attribution';
import { defineFactKind, defineView, textParam, type Column } from './kind';

/** Stages, in the order a flow goes through them. */
export const AID_STATUSES = [
  'offered',
  'pledged',
  'requested',
  'discussed',
  'shipped',
  'delivered',
  'rejected',
  'redirected',
] as const;
export type AidStatus = (typeof AID_STATUSES)[number];

export const AidFlowData = z.object({
  donor: z.string().nullable(),
  recipient: z.string().nullable(),
  items: z.array(z.string()),
  quantity: z.object({ value: z.number(), unit: z.string() }).nullable(),
  status: z.enum(AID_STATUSES),
  route: z.array(z.string()),
  date: PartialDateSchema.nullable(),
  /** Lower-case canonical disease ("cholera", "covid-19"), or null for general medical aid. */
  disease: z.string().nullable(),
  attribution: AttributionSchema.nullable(),
});
export type AidFlowData = z.infer<typeof AidFlowData>;

/** A status keeps only its strongest sources: the entry lists them all once already. */
const MAX_SOURCES_PER_STATUS = 5;

const AidFlowStatusSchema = z
  .object({
    status: z.enum(AID_STATUSES),
    date: PartialDateSchema.nullable(),
    sourceCount: z.number().int(),
    sources: z.array(SourceSchema),
  })
  .meta({ id: 'AidFlowStatus' });
export type AidFlowStatus = z.infer<typeof AidFlowStatusSchema>;

const AidFlowEntrySchema = z
  .object({
    id: z.string(),
    donor: z.string().nullable(),
    recipient: z.string().nullable(),
    items: z.array(z.string()),
    quantities: z.array(z.object({ value: z.number(), unit: z.string() })),
    routes: z.array(z.string()),
    statuses: z
      .array(AidFlowStatusSchema)
      .meta({ description: 'the flow’s history, oldest first, undated last' }),
    ...sourcedFields,
  })
  .meta({ id: 'AidFlowEntry' });
export type AidFlowEntry = z.infer<typeof AidFlowEntrySchema>;

/**
 * The status a flow is at now: the one reported for the latest full or partial date, or, when
 * no report is dated, the last one listed.
 */
export function currentStatus(flow: AidFlowEntry): AidFlowStatus {
  const dated = flow.statuses.filter((s) => s.date !== null && /^\d{4}/.test(s.date));
  return dated.length
    ? dated.reduce((a, b) => (b.date! >= a.date! ? b : a))
    : flow.statuses.at(-1)!;
}

/** The filters of /aid-flows, which /aid-flows/graph takes too. */
export const aidFlowFilters = {
  donor: textParam('donor name (case-insensitive, exact)').optional(),
  recipient: textParam('recipient name (case-insensitive, exact)').optional(),
  status: z
    .enum(AID_STATUSES)
    .optional()
    .meta({ description: 'flows whose reported history includes this status' }),
  item: textParam('part of an item’s name (case-insensitive)').optional(),
};
type AidFlowQuery = z.output<z.ZodObject<typeof aidFlowFilters>>;

/** Upper bound for list sort keys that start with `prefix|`: '}' is the character after '|'. */
const prefixRange = (prefix: string) => ({ fromSk: `${prefix}|`, toSk: `${prefix}}` });

const joined = (values: string[]) => values.join('; ');

const AID_FLOW_COLUMNS: Column<AidFlowEntry>[] = [
  { header: 'id', hxl: '#meta+id', value: (e) => e.id },
  { header: 'date', hxl: '#date', value: (e) => currentStatus(e).date },
  { header: 'donor', hxl: '#org+donor', value: (e) => e.donor },
  { header: 'recipient', hxl: '#country+recipient', value: (e) => e.recipient },
  { header: 'items', hxl: '#item+name', value: (e) => joined(e.items) },
  {
    header: 'quantity',
    hxl: '#value+num',
    value: (e) => joined(e.quantities.map((q) => String(q.value))),
  },
  { header: 'unit', hxl: '#value+unit', value: (e) => joined(e.quantities.map((q) => q.unit)) },
  { header: 'status', hxl: '#status', value: (e) => currentStatus(e).status },
  {
    header: 'status_history',
    hxl: '#status+history',
    value: (e) => joined(e.statuses.map((s) => (s.date ? `${s.status} ${s.date}` : s.status))),
  },
  { header: 'routes', hxl: '#loc+route', value: (e) => joined(e.routes) },
];

function assemble(groupKey: string, contributions: Contribution<AidFlowData>[]): AidFlowEntry[] {
  const first = contributions[0]!.fact;
  const statuses = new Map<string, AidFlowStatus>();
  for (const c of contributions) {
    const key = `${c.fact.status}|${c.fact.date ?? ''}`;
    const s = statuses.get(key) ?? {
      status: c.fact.status,
      date: c.fact.date,
      sourceCount: 0,
      sources: [],
    };
    s.sources.push(c.source);
    s.sourceCount++;
    statuses.set(key, s);
  }
  for (const s of statuses.values()) s.sources = strongest(s.sources, MAX_SOURCES_PER_STATUS);
  const quantities = new Map<string, { value: number; unit: string }>();
  for (const c of contributions)
    if (c.fact.quantity)
      quantities.set(`${c.fact.quantity.value}|${c.fact.quantity.unit}`, c.fact.quantity);
  const sources = uniqueSources(contributions);
  return [
    {
      id: entryId('aidFlows', groupKey),
      donor: first.donor,
      recipient: first.recipient,
      items: [...new Set(contributions.flatMap((c) => c.fact.items))].sort(),
      quantities: [...quantities.values()].sort(
        (a, b) => codePointOrder(a.unit, b.unit) || a.value - b.value,
      ),
      routes: [...new Set(contributions.flatMap((c) => c.fact.route))].sort(),
      statuses: [...statuses.values()].sort(
        (a, b) =>
          codePointOrder(dateSortKey(a.date), dateSortKey(b.date)) ||
          AID_STATUSES.indexOf(a.status) - AID_STATUSES.indexOf(b.status),
      ),
      confidence: corroborated(sources),
      sourceCount: sources.length,
      sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    },
  ];
}

export const aidFlowsView = defineView({
  name: 'aidFlows',
  path: '/aid-flows',
  summary:
    'Donor → recipient flows with items, quantities, routes and the history of their statuses',
  entry: AidFlowEntrySchema,
  groupKey: (fact: AidFlowData) => [normName(fact.donor), normName(fact.recipient)].join('|'),
  assemble,
  sortKey: (e: AidFlowEntry) =>
    `${(e.donor ?? '~').toLowerCase()}|${(e.recipient ?? '~').toLowerCase()}|${e.id}`,
  filters: aidFlowFilters,
  plan(q: AidFlowQuery) {
    const donor = q.donor?.toLowerCase(),
      recipient = q.recipient?.toLowerCase(),
      item = q.item?.toLowerCase();
    return {
      // Sort keys are donor|recipient|id.
      ...(donor ? prefixRange(recipient ? `${donor}|${recipient}` : donor) : {}),
      filtered: Boolean(q.donor || q.recipient || q.status || q.item),
      keep: (e: AidFlowEntry) =>
        (!donor || e.donor?.toLowerCase() === donor) &&
        (!recipient || e.recipient?.toLowerCase() === recipient) &&
        (!q.status || e.statuses.some((s) => s.status === q.status)) &&
        (!item || e.items.some((i) => i.toLowerCase().includes(item))),
    };
  },
  csv: AID_FLOW_COLUMNS,
  describe: (e: AidFlowEntry) =>
    `${e.donor ?? 'unknown donor'} → ${e.recipient ?? 'unknown recipient'}: ${
      e.items.join(', ') || 'aid'
    } (${currentStatus(e).status})`,
});

/**
 * AidFlowReported v1 (the first published shape) named a single `item` and had no route; v2
 * carries a list of item categories and the route the aid took.
 */
function v1toV2(data: Record<string, unknown>): Record<string, unknown> {
  const { item, ...rest } = data;
  return { ...rest, items: typeof item === 'string' && item ? [item] : [], route: [] };
}

/** AidFlowReported v3 added the disease the aid is for and who states the flow; older events say neither. */
const v2toV3 = (data: Record<string, unknown>) => ({ ...data, disease: null, attribution: null });

export const aidFlow = defineFactKind({
  key: 'aidFlows',
  eventType: 'AidFlowReported',
  schemaVersion: 3,
  data: AidFlowData,
  upcasters: { 1: v1toV2, 2: v2toV3 },
  views: [aidFlowsView],
});
