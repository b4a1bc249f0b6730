/**
 * The aid corridors as a Sankey diagram: donors on the left, recipients on the right, one band
 * per donor → recipient corridor. The layout is d3-sankey's; the drawing is ours (through `s()`).
 * Every band and every node is a link, so the diagram can be walked with the keyboard and
 * clicked: a band opens the corridor's flows, a country opens its page.
 */
import { sankey, sankeyJustify, sankeyLinkHorizontal } from 'd3-sankey';
import type { AidFlowEntry } from '../src/domain/facts/aid-flow';
import { s } from './dom';
import { LINK_OPACITY, STATUS_COLORS } from './palette';

interface NodeIn {
  id: string;
  name: string;
  side: 'donor' | 'recipient';
  href: string;
}

interface LinkIn {
  source: string;
  target: string;
  /** How many independent articles report flows of the corridor. */
  value: number;
  status: string;
  href: string;
  label: string;
}

export interface CorridorGraph {
  nodes: NodeIn[];
  links: LinkIn[];
}

/** The order stages take; a later stage wins a tie between two flows reported at the same time. */
const STAGE_ORDER = Object.keys(STATUS_COLORS);
const whenOf = (f: AidFlowEntry) => f.date ?? f.reportedAt;
const isDated = (d: string | null) => d !== null && /^\d{4}/.test(d);

/** Where a corridor stands: the status of its latest dated flow (or latest flow, if none is dated). */
function latest(flows: AidFlowEntry[]): AidFlowEntry {
  const dated = flows.filter((f) => isDated(whenOf(f)));
  return [...(dated.length ? dated : flows)]
    .sort(
      (a, b) =>
        (whenOf(a) ?? '').localeCompare(whenOf(b) ?? '') ||
        STAGE_ORDER.indexOf(a.status) - STAGE_ORDER.indexOf(b.status),
    )
    .at(-1)!;
}

const fold = (name: string | null) => (name ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
const pageOf = (name: string | null, code: string | null, side: 'donor' | 'recipient') =>
  code
    ? `#country/${encodeURIComponent(code)}`
    : `#flows?${new URLSearchParams(name ? { [side]: name } : {}).toString()}`;

/** The corridors of a list of flows, as the diagram draws them. */
export function corridorGraph(flows: AidFlowEntry[]): CorridorGraph {
  const corridors = new Map<string, AidFlowEntry[]>();
  for (const f of flows) {
    const key = `${fold(f.donor)}→${fold(f.recipient)}`;
    corridors.set(key, [...(corridors.get(key) ?? []), f]);
  }
  const nodes = new Map<string, NodeIn>();
  const node = (side: 'donor' | 'recipient', f: AidFlowEntry) => {
    const [name, code] = side === 'donor' ? [f.donor, f.donorCode] : [f.recipient, f.recipientCode];
    const id = `${side}:${fold(name)}`;
    if (!nodes.has(id))
      nodes.set(id, { id, name: name ?? `unknown ${side}`, side, href: pageOf(name, code, side) });
    return nodes.get(id)!;
  };
  const links = [...corridors.values()].map((part): LinkIn => {
    const [donor, recipient] = [node('donor', part[0]!), node('recipient', part[0]!)];
    const independent = new Set(
      part.flatMap((f) => f.sources.filter((src) => !src.rewriteOf).map((src) => src.articleId)),
    );
    const value = Math.max(1, independent.size);
    const status = latest(part).status;
    const query = new URLSearchParams({
      ...(part[0]!.donor ? { donor: part[0]!.donor } : {}),
      ...(part[0]!.recipient ? { recipient: part[0]!.recipient } : {}),
    });
    return {
      source: donor.id,
      target: recipient.id,
      value,
      status,
      href: `#flows?${query.toString()}`,
      label: `${donor.name} → ${recipient.name}: ${part.length} flow${part.length === 1 ? '' : 's'}, latest ${status}; ${value} independent report${value === 1 ? '' : 's'}`,
    };
  });
  return { nodes: [...nodes.values()], links };
}

const NODE_WIDTH = 12;
const PER_NODE = 30;

/** `width` is the drawing's width in CSS pixels, so labels keep their size on a phone. */
export function sankeyChart(graph: CorridorGraph, title: string, width: number): SVGSVGElement {
  const rows = Math.max(
    ...(['donor', 'recipient'] as const).map(
      (side) => graph.nodes.filter((n) => n.side === side).length,
    ),
  );
  const height = Math.max(200, rows * PER_NODE);
  const layout = sankey<NodeIn, LinkIn>()
    .nodeId((n) => n.id)
    .nodeAlign(sankeyJustify)
    .nodeWidth(NODE_WIDTH)
    .nodePadding(12)
    .extent([
      [1, 8],
      [width - 1, height - 8],
    ]);
  const { nodes, links } = layout({
    nodes: graph.nodes.map((n) => ({ ...n })),
    links: graph.links.map((l) => ({ ...l })),
  });
  const band = sankeyLinkHorizontal<NodeIn, LinkIn>();
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart sankey',
    role: 'group',
    'aria-label': title,
  });
  for (const l of links)
    svg.append(
      s(
        'a',
        { href: l.href, 'aria-label': l.label, class: 'band' },
        s(
          'path',
          {
            d: band(l),
            class: 'link',
            stroke: STATUS_COLORS[l.status] ?? STATUS_COLORS.requested!,
            'stroke-opacity': LINK_OPACITY,
            'stroke-width': Math.max(2, l.width ?? 0),
            fill: 'none',
          },
          s('title', {}, l.label),
        ),
      ),
    );
  for (const n of nodes) {
    const donor = n.side === 'donor';
    const [x0, x1, y0, y1] = [n.x0 ?? 0, n.x1 ?? 0, n.y0 ?? 0, n.y1 ?? 0];
    svg.append(
      s(
        'a',
        { href: n.href, 'aria-label': `${n.name} (${n.side})`, class: 'node' },
        s('rect', { x: x0, y: y0, width: x1 - x0, height: Math.max(2, y1 - y0) }),
        s(
          'text',
          {
            x: donor ? x1 + 6 : x0 - 6,
            y: (y0 + y1) / 2 + 5,
            'text-anchor': donor ? 'start' : 'end',
            class: 'node-label',
          },
          n.name,
        ),
      ),
    );
  }
  return svg;
}
