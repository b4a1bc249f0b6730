/**
 * Aid flows: who gave (or offered, pledged, refused…) what to whom, by which route, when.
 *
 * The unit analysts read is one flow at one stage: a donor, a recipient, a kind of aid and a
 * status, on one occasion (a delivery in March and another in May are two entries). The corridor
 * view summarises a donor → recipient pair: its stages in date order and where it stands now.
 */
import * as z from 'zod';
import { lazy } from '../lazy';
import { lookupSurface, resolveName } from '../extractor/gazetteer';
import {
  dateBounds,
  dateSortKey,
  fromNotAfterTo,
  partialDateSchema,
  withYear,
  dateKeyOf,
  yearOf,
} from '../partial-date';
import type { Contribution } from '../projections/model';
import {
  byYear,
  codePointOrder,
  entryId,
  normName,
  reportedAtOf,
  sourcedBy,
  sourcedFields,
} from '../projections/sources';
import { attributionSchema } from './attribution';
import {
  defineFactKind,
  defineView,
  textParam,
  type Column,
  type Facet,
  type GeoFeature,
} from './kind';
import { countryCodeOf, diseaseParam, nameKey, nameParam, placeOf } from './names';
import { sourceColumns } from './provenance';
import { planQuery, updatedFacet, updatedSinceParam } from './query';

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

const aidFlowData = lazy(() =>
  z.object({
    donor: z.string().nullable(),
    recipient: z.string().nullable(),
    items: z.array(z.string()),
    quantity: z.object({ value: z.number(), unit: z.string() }).nullable(),
    status: z.enum(AID_STATUSES),
    route: z.array(z.string()),
    date: partialDateSchema().nullable(),
    /** Lower-case canonical disease ("cholera", "covid-19"), or null for general medical aid. */
    disease: z.string().nullable(),
    attribution: attributionSchema().nullable(),
  }),
);
export type AidFlowData = z.infer<ReturnType<typeof aidFlowData>>;

/**
 * The kind of aid an entry is about, coarser than the item categories so that "vaccines" and
 * "200,000 Sinopharm doses" meet; a flow naming several goes under the first in this order.
 */
export const ITEM_GROUPS = ['vaccines', 'funding', 'personnel', 'supplies', 'aid'] as const;
type ItemGroup = (typeof ITEM_GROUPS)[number];
const ITEM_GROUP_OF: Record<string, ItemGroup> = {
  vaccines: 'vaccines',
  funding: 'funding',
  experts: 'personnel',
};
const itemGroupOf = (items: string[]): ItemGroup =>
  items
    .map((i) => ITEM_GROUP_OF[i] ?? 'supplies')
    .sort((a, b) => ITEM_GROUPS.indexOf(a) - ITEM_GROUPS.indexOf(b))[0] ?? 'aid';

const quantitySchema = lazy(() => z.object({ value: z.number(), unit: z.string() }));

const aidFlowEntrySchema = lazy(() =>
  z
    .object({
      id: z.string(),
      donor: z.string().nullable(),
      donorCode: z
        .string()
        .nullable()
        .meta({ description: 'ISO 3166-1 alpha-3 when the donor is a country' }),
      recipient: z.string().nullable(),
      recipientCode: z
        .string()
        .nullable()
        .meta({ description: 'ISO 3166-1 alpha-3 when the recipient is a country' }),
      itemGroup: z.enum(ITEM_GROUPS),
      items: z.array(z.string()),
      status: z.enum(AID_STATUSES),
      date: partialDateSchema().nullable().meta({
        description: 'when this stage happened, at the precision reported',
      }),
      reportedAt: partialDateSchema().nullable().meta({
        description: 'when the stage was first reported (the earliest publication date)',
      }),
      quantity: quantitySchema().nullable().meta({
        description: 'the amount this stage concerns, as most sources give it',
      }),
      disease: z.string().nullable(),
      routes: z
        .array(z.string())
        .meta({ description: 'places on the way: ports, crossings, airports' }),
      ...sourcedFields(),
    })
    .meta({ id: 'AidFlowEntry' }),
);
export type AidFlowEntry = z.infer<ReturnType<typeof aidFlowEntrySchema>>;

// ---------------------------------------------------------------- occasions

type FlowContribution = Contribution<AidFlowData>;

/**
 * Contributions that report the same occasion: a day is one occasion; a month or year joins the
 * one occasion within it when there is exactly one, else stands alone; undated reports join the
 * group's only occasion, else stand together. Year-less dates take the group's one year.
 */
function occasions(contributions: FlowContribution[]): FlowContribution[][] {
  const yearFixed = [...byYear(contributions, (c) => c.fact.date)].flatMap(([year, part]) =>
    part.map((c) => ({ c, date: c.fact.date && withYear(year, dateKeyOf(c.fact.date)) })),
  );
  const dates = [
    ...new Set(yearFixed.map((x) => x.date).filter((d): d is string => d !== null)),
  ].sort((a, b) => b.length - a.length || codePointOrder(a, b));
  const anchors = new Map<string, string>();
  for (const d of dates) {
    const within = [
      ...new Set(
        dates
          .filter((o) => o !== d && o.length > d.length && o.startsWith(d))
          .map((o) => anchors.get(o)!),
      ),
    ];
    anchors.set(d, within.length === 1 ? within[0]! : d);
  }
  const clusters = new Map<string, FlowContribution[]>();
  const distinct = new Set(anchors.values());
  for (const { c, date } of yearFixed) {
    const key = date ? anchors.get(date)! : distinct.size === 1 ? [...distinct][0]! : '~';
    clusters.set(key, [...(clusters.get(key) ?? []), c]);
  }
  return [...clusters.values()];
}

/** The most precise date of an occasion. */
const occasionDate = (part: FlowContribution[]): string | null => {
  const dates = part.map((c) => c.fact.date).filter((d): d is string => d !== null);
  const dated = dates.filter((d) => /^\d{4}/.test(d));
  const pool = dated.length ? dated : dates;
  return pool.sort((a, b) => b.length - a.length || codePointOrder(a, b))[0] ?? null;
};

/** The amount most sources give; among equals, the one the most confident source gives. */
function quantityOf(part: FlowContribution[]): AidFlowEntry['quantity'] {
  const counts = new Map<string, { q: { value: number; unit: string }; n: number; best: number }>();
  for (const c of part) {
    if (!c.fact.quantity) continue;
    const key = `${c.fact.quantity.value}|${c.fact.quantity.unit}`;
    const e = counts.get(key) ?? { q: c.fact.quantity, n: 0, best: 0 };
    e.n++;
    e.best = Math.max(e.best, c.statement.confidence);
    counts.set(key, e);
  }
  return (
    [...counts.values()].sort((a, b) => b.n - a.n || b.best - a.best || b.q.value - a.q.value)[0]
      ?.q ?? null
  );
}

function mostCommonOf(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || codePointOrder(a[0], b[0]))[0]?.[0] ?? null;
}

/**
 * Routes are places on the way: a name that is the donor's or recipient's own country (or its
 * capital, which the gazetteer reads as the country too) or a people ("Chinese") is not a route.
 */
function routesOf(part: FlowContribution[], ends: (string | null)[]): string[] {
  const endCodes = new Set(ends.map(countryCodeOf).filter((c): c is string => c !== null));
  const ownEnd = (route: string) =>
    resolveName(route).matches.some(
      (m) =>
        m.type === 'place' &&
        m.kind === 'country' &&
        m.countryCode !== null &&
        endCodes.has(m.countryCode),
    );
  const demonym = (route: string) => lookupSurface(route).some((h) => h.via === 'demonym');
  return [...new Set(part.flatMap((c) => c.fact.route))]
    .filter((r) => !ownEnd(r) && !demonym(r))
    .sort();
}

function flowEntry(groupKey: string, part: FlowContribution[]): AidFlowEntry {
  const first = part[0]!.fact;
  const date = occasionDate(part);
  const sourced = sourcedBy(part);
  return {
    id: entryId('aidFlows', groupKey, date ?? ''),
    donor: first.donor,
    donorCode: countryCodeOf(first.donor),
    recipient: first.recipient,
    recipientCode: countryCodeOf(first.recipient),
    itemGroup: itemGroupOf(first.items),
    items: [...new Set(part.flatMap((c) => c.fact.items))].sort(),
    status: first.status,
    date,
    reportedAt: reportedAtOf(part.map((c) => c.statement)),
    quantity: quantityOf(part),
    disease: mostCommonOf(part.map((c) => c.fact.disease)),
    routes: routesOf(part, [first.donor, first.recipient]),
    ...sourced,
  };
}

/** When an entry stands in time: its date, or else when it was first reported. */
const whenOf = (e: { date: string | null; reportedAt: string | null }) => e.date ?? e.reportedAt;

// ---------------------------------------------------------------- facets and queries

/** Item words as filters match them: lower case, singular ("vaccine" finds "vaccines"). */
const stem = (s: string) => s.toLowerCase().trim().replace(/s$/, '');

const sortKeyOf = (e: AidFlowEntry): string =>
  `${dateSortKey(whenOf(e))}|${nameKey(e.donor) ?? '~'}|${nameKey(e.recipient) ?? '~'}|${e.id}`;

const FACETS: Facet<AidFlowEntry>[] = [
  { name: 'recipient', values: (e) => (e.recipient ? [nameKey(e.recipient)!] : []) },
  { name: 'donor', values: (e) => (e.donor ? [nameKey(e.donor)!] : []) },
  { name: 'disease', values: (e) => (e.disease ? [e.disease] : []) },
  { name: 'status', values: (e) => [e.status] },
  {
    name: 'item',
    // Each item and each word of it, so "vaccine" finds "vaccine doses".
    values: (e) => [
      ...new Set([e.itemGroup, ...e.items].flatMap((i) => [stem(i), ...i.split(/\s+/).map(stem)])),
    ],
  },
  updatedFacet((e) => e.id),
];
const facetValues = (name: string, e: AidFlowEntry) =>
  FACETS.find((f) => f.name === name)?.values(e) ?? [];

/** The filters of /aid-flows, which the graph and corridor routes take too. */
const aidFlowFilters = lazy(() => ({
  donor: nameParam('donor: a name, an alias or an ISO code (case-insensitive)').optional(),
  recipient: nameParam('recipient: a name, an alias or an ISO code (case-insensitive)').optional(),
  status: z.enum(AID_STATUSES).optional().meta({ description: 'the stage the flow is at' }),
  item: textParam(
    'a kind of aid, an item category or a word of one, e.g. vaccines, funding, masks',
  ).optional(),
  disease: diseaseParam('the disease the aid is for, e.g. covid-19 or coronavirus').optional(),
  ...dateBounds(),
  updatedSince: updatedSinceParam().optional(),
}));
type AidFlowQuery = z.output<z.ZodObject<ReturnType<typeof aidFlowFilters>>>;

const planFlows = (q: AidFlowQuery) =>
  planQuery<AidFlowEntry>({
    facets: [
      ['recipient', q.recipient?.key],
      ['donor', q.donor?.key],
      ['disease', q.disease],
      ['item', q.item && stem(q.item)],
      ['status', q.status],
    ],
    from: q.from,
    to: q.to,
    updatedSince: q.updatedSince,
    dateOf: whenOf,
    updatedAtOf: (e) => e.updatedAt,
    facetValues,
  });

// ---------------------------------------------------------------- CSV and GeoJSON

/** Units that are money: their amounts go under #value with a #currency, never #output. */
const CURRENCIES: Record<string, string> = {
  $: 'USD',
  usd: 'USD',
  us$: 'USD',
  dollars: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pounds: 'GBP',
  yuan: 'CNY',
  cny: 'CNY',
  rmb: 'CNY',
  yen: 'JPY',
  jpy: 'JPY',
  inr: 'INR',
  rupees: 'INR',
  chf: 'CHF',
  aud: 'AUD',
  a$: 'AUD',
  cad: 'CAD',
  sek: 'SEK',
};
const currencyOf = (unit: string | undefined) =>
  unit ? (CURRENCIES[unit.toLowerCase()] ?? null) : null;

const FLOW_COLUMNS: Column<AidFlowEntry>[] = [
  { header: 'id', hxl: '#meta+id', kind: 'code', value: (e) => e.id },
  { header: 'date', hxl: '#date+occurred', kind: 'date', value: (e) => e.date },
  { header: 'reported', hxl: '#date+reported', kind: 'date', value: (e) => e.reportedAt },
  { header: 'donor', hxl: '#org+funder+name', kind: 'text', value: (e) => e.donor },
  { header: 'donor_code', hxl: '#org+funder+code', kind: 'code', value: (e) => e.donorCode },
  { header: 'recipient', hxl: '#country+name', kind: 'text', value: (e) => e.recipient },
  {
    header: 'recipient_code',
    hxl: '#country+code',
    kind: 'code',
    value: (e) => e.recipientCode,
  },
  { header: 'item', hxl: '#item+name', kind: 'code', value: (e) => e.itemGroup },
  { header: 'status', hxl: '#status', kind: 'code', value: (e) => e.status },
  {
    header: 'quantity',
    hxl: '#output+num',
    kind: 'number',
    value: (e) => (currencyOf(e.quantity?.unit) ? null : (e.quantity?.value ?? null)),
  },
  {
    header: 'unit',
    hxl: '#output+unit',
    kind: 'code',
    value: (e) => (currencyOf(e.quantity?.unit) ? null : (e.quantity?.unit ?? null)),
  },
  {
    header: 'amount',
    hxl: '#value',
    kind: 'number',
    value: (e) => (currencyOf(e.quantity?.unit) ? e.quantity!.value : null),
  },
  {
    header: 'currency',
    hxl: '#currency',
    kind: 'code',
    value: (e) => currencyOf(e.quantity?.unit),
  },
  { header: 'disease', hxl: '#crisis+name', kind: 'code', value: (e) => e.disease },
  ...sourceColumns<AidFlowEntry>(),
];

const pointOf = (name: string | null): [number, number] | null => {
  const place = placeOf(name);
  return place && place.lat !== null && place.lon !== null ? [place.lon, place.lat] : null;
};

function flowFeature(e: AidFlowEntry): GeoFeature[] {
  const [from, to] = [pointOf(e.donor), pointOf(e.recipient)];
  if (!from || !to) return [];
  const { sources: _sources, ...properties } = e;
  return [
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [from, to] }, properties },
  ];
}

// ---------------------------------------------------------------- the views

const groupKeyOf = (fact: AidFlowData) =>
  [normName(fact.donor), normName(fact.recipient), fact.status, itemGroupOf(fact.items)].join('|');

const aidFlowsView = defineView({
  name: 'aidFlows',
  path: '/aid-flows',
  summary:
    'Aid flows, one per stage and occasion: donor → recipient, kind of aid, status, date, quantity, sources',
  get entry() {
    return aidFlowEntrySchema();
  },
  groupKey: groupKeyOf,
  assemble: (groupKey, contributions: FlowContribution[]) =>
    occasions(contributions).map((part) => flowEntry(groupKey, part)),
  sortKey: sortKeyOf,
  entryId: (e: AidFlowEntry) => e.id,
  facets: FACETS,
  get filters() {
    return aidFlowFilters();
  },
  checkQuery: fromNotAfterTo,
  plan: planFlows,
  csv: FLOW_COLUMNS,
  geojson: flowFeature,
  describe: (e: AidFlowEntry) =>
    `${e.donor ?? 'unknown donor'} → ${e.recipient ?? 'unknown recipient'}: ${e.itemGroup}, ${e.status}${
      whenOf(e) ? ` (${whenOf(e)})` : ''
    }`,
});

// ---------------------------------------------------------------- corridors

const stageSchema = lazy(() =>
  z
    .object({
      status: z.enum(AID_STATUSES),
      itemGroup: z.enum(ITEM_GROUPS),
      date: partialDateSchema().nullable(),
      reportedAt: partialDateSchema().nullable(),
      quantity: quantitySchema().nullable(),
      sourceCount: z.number().int(),
    })
    .meta({ id: 'CorridorStage' }),
);
type Stage = z.infer<ReturnType<typeof stageSchema>>;

const corridorEntrySchema = lazy(() =>
  z
    .object({
      id: z.string(),
      donor: z.string().nullable(),
      donorCode: z.string().nullable(),
      recipient: z.string().nullable(),
      recipientCode: z.string().nullable(),
      stages: z
        .array(stageSchema())
        .meta({ description: 'every stage reported, in date order (undated last)' }),
      latestStatus: z
        .enum(AID_STATUSES)
        .meta({ description: 'the status of the latest dated stage' }),
      latestDate: partialDateSchema().nullable(),
      itemGroups: z.array(z.enum(ITEM_GROUPS)),
      ...sourcedFields(),
    })
    .meta({ id: 'CorridorEntry' }),
);
export type CorridorEntry = z.infer<ReturnType<typeof corridorEntrySchema>>;

const byStageTime = (a: Stage, b: Stage) =>
  codePointOrder(dateSortKey(whenOf(a)), dateSortKey(whenOf(b))) ||
  AID_STATUSES.indexOf(a.status) - AID_STATUSES.indexOf(b.status);

function corridor(groupKey: string, contributions: FlowContribution[]): CorridorEntry[] {
  const byFlow = new Map<string, FlowContribution[]>();
  for (const c of contributions) {
    const key = groupKeyOf(c.fact);
    byFlow.set(key, [...(byFlow.get(key) ?? []), c]);
  }
  const stages = [...byFlow]
    .flatMap(([key, part]) => occasions(part).map((o) => flowEntry(key, o)))
    .map((f): Stage => ({
      status: f.status,
      itemGroup: f.itemGroup,
      date: f.date,
      reportedAt: f.reportedAt,
      quantity: f.quantity,
      sourceCount: f.sourceCount,
    }))
    .sort(byStageTime);
  const dated = stages.filter((s) => yearOf(whenOf(s)) !== null);
  const latest = (dated.length ? dated : stages).at(-1)!;
  const first = contributions[0]!.fact;
  return [
    {
      id: entryId('corridors', groupKey),
      donor: first.donor,
      donorCode: countryCodeOf(first.donor),
      recipient: first.recipient,
      recipientCode: countryCodeOf(first.recipient),
      stages,
      latestStatus: latest.status,
      latestDate: whenOf(latest),
      itemGroups: [...new Set(stages.map((s) => s.itemGroup))].sort(
        (a, b) => ITEM_GROUPS.indexOf(a) - ITEM_GROUPS.indexOf(b),
      ),
      ...sourcedBy(contributions),
    },
  ];
}

const CORRIDOR_FACETS: Facet<CorridorEntry>[] = [
  { name: 'recipient', values: (e) => (e.recipient ? [nameKey(e.recipient)!] : []) },
  { name: 'donor', values: (e) => (e.donor ? [nameKey(e.donor)!] : []) },
  { name: 'status', values: (e) => [e.latestStatus] },
  updatedFacet((e) => e.id),
];

const corridorFilters = lazy(() => ({
  donor: aidFlowFilters().donor,
  recipient: aidFlowFilters().recipient,
  status: z
    .enum(AID_STATUSES)
    .optional()
    .meta({ description: 'the status the corridor is at now' }),
  updatedSince: updatedSinceParam().optional(),
}));

export const corridorsView = defineView({
  name: 'corridors',
  path: '/aid-flows/corridors',
  summary:
    'Donor → recipient corridors: every stage reported, in date order, and the latest status',
  get entry() {
    return corridorEntrySchema();
  },
  groupKey: (fact: AidFlowData) => [normName(fact.donor), normName(fact.recipient)].join('|'),
  assemble: corridor,
  sortKey: (e: CorridorEntry) =>
    `${nameKey(e.donor) ?? '~'}|${nameKey(e.recipient) ?? '~'}|${e.id}`,
  entryId: (e: CorridorEntry) => e.id,
  facets: CORRIDOR_FACETS,
  get filters() {
    return corridorFilters();
  },
  plan: (q: z.output<z.ZodObject<ReturnType<typeof corridorFilters>>>) =>
    planQuery<CorridorEntry>({
      facets: [
        ['recipient', q.recipient?.key],
        ['donor', q.donor?.key],
        ['status', q.status],
      ],
      updatedSince: q.updatedSince,
      dateOf: (e) => e.latestDate,
      updatedAtOf: (e) => e.updatedAt,
      facetValues: (name, e) => CORRIDOR_FACETS.find((f) => f.name === name)?.values(e) ?? [],
    }),
  csv: [
    {
      header: 'id',
      hxl: '#meta+id',
      kind: 'code',
      value: (e: CorridorEntry) => e.id,
    },
    {
      header: 'donor',
      hxl: '#org+funder+name',
      kind: 'text',
      value: (e: CorridorEntry) => e.donor,
    },
    {
      header: 'donor_code',
      hxl: '#org+funder+code',
      kind: 'code',
      value: (e: CorridorEntry) => e.donorCode,
    },
    {
      header: 'recipient',
      hxl: '#country+name',
      kind: 'text',
      value: (e: CorridorEntry) => e.recipient,
    },
    {
      header: 'recipient_code',
      hxl: '#country+code',
      kind: 'code',
      value: (e: CorridorEntry) => e.recipientCode,
    },
    {
      header: 'status',
      hxl: '#status',
      kind: 'code',
      value: (e: CorridorEntry) => e.latestStatus,
    },
    {
      header: 'date',
      hxl: '#date+occurred',
      kind: 'date',
      value: (e: CorridorEntry) => e.latestDate,
    },
    ...sourceColumns<CorridorEntry>(),
  ],
  geojson: (e: CorridorEntry) =>
    flowFeature({ ...e, date: e.latestDate } as unknown as AidFlowEntry),
  describe: (e: CorridorEntry) =>
    `${e.donor ?? 'unknown donor'} → ${e.recipient ?? 'unknown recipient'}: ${e.latestStatus}${
      e.latestDate ? ` (${e.latestDate})` : ''
    }, ${e.stages.length} stage${e.stages.length === 1 ? '' : 's'}`,
});

// ---------------------------------------------------------------- the kind

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
  get data() {
    return aidFlowData();
  },
  upcasters: { 1: v1toV2, 2: v2toV3 },
  views: [aidFlowsView, corridorsView],
});
