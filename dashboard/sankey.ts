/**
 * A two-column Sankey diagram (donors → recipients) in SVG. The layout is a pure function so it
 * can be tested without a browser; the graph API already puts donors and recipients on
 * separate sides, so there are no cycles to break.
 */
import { s } from './dom';

export interface SankeyInput {
  nodes: { id: string; name: string; side: 'donor' | 'recipient' }[];
  links: { source: string; target: string; value: number; status: string; itemGroups: string[] }[];
}

interface NodeBox {
  id: string;
  name: string;
  side: 'donor' | 'recipient';
  value: number;
  y0: number;
  y1: number;
}

interface LinkBand {
  source: NodeBox;
  target: NodeBox;
  value: number;
  status: string;
  itemGroups: string[];
  /** Where the band leaves the source and enters the target. */
  sy0: number;
  sy1: number;
  ty0: number;
  ty1: number;
}

export interface SankeyLayout {
  height: number;
  nodes: NodeBox[];
  links: LinkBand[];
}

/** Room between nodes for a label, in drawing units (labels are 15 units high). */
const GAP = 18;
const PER_NODE = 30;

/**
 * Stacks each side's nodes, biggest first, with one scale for both sides so a band has the same
 * width at both ends; bands leave and enter in the order of the node at their other end, so
 * they do not cross within a node.
 */
export function layoutSankey(input: SankeyInput, minHeight = 240): SankeyLayout {
  const value = new Map<string, number>();
  for (const l of input.links) {
    value.set(l.source, (value.get(l.source) ?? 0) + l.value);
    value.set(l.target, (value.get(l.target) ?? 0) + l.value);
  }
  const side = (which: 'donor' | 'recipient') =>
    input.nodes
      .filter((n) => n.side === which && (value.get(n.id) ?? 0) > 0)
      .map((n): NodeBox => ({ ...n, value: value.get(n.id)!, y0: 0, y1: 0 }))
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  const donors = side('donor'),
    recipients = side('recipient');
  const height = Math.max(minHeight, Math.max(donors.length, recipients.length) * PER_NODE);
  const total = (col: NodeBox[]) => col.reduce((t, n) => t + n.value, 0);
  const scale = Math.min(
    ...[donors, recipients]
      .filter((c) => c.length)
      .map((c) => (height - GAP * (c.length - 1)) / total(c)),
  );
  for (const col of [donors, recipients]) {
    let y = 0;
    for (const n of col) {
      n.y0 = y;
      n.y1 = y + n.value * scale;
      y = n.y1 + GAP;
    }
  }
  const byId = new Map([...donors, ...recipients].map((n) => [n.id, n]));
  const links = input.links
    .filter((l) => l.value > 0 && byId.has(l.source) && byId.has(l.target))
    .map((l): LinkBand => ({
      source: byId.get(l.source)!,
      target: byId.get(l.target)!,
      value: l.value,
      status: l.status,
      itemGroups: l.itemGroups,
      sy0: 0,
      sy1: 0,
      ty0: 0,
      ty1: 0,
    }));
  const outOffset = new Map<string, number>(),
    inOffset = new Map<string, number>();
  for (const l of [...links].sort((a, b) => a.target.y0 - b.target.y0)) {
    const o = outOffset.get(l.source.id) ?? l.source.y0;
    [l.sy0, l.sy1] = [o, o + l.value * scale];
    outOffset.set(l.source.id, l.sy1);
  }
  for (const l of [...links].sort((a, b) => a.source.y0 - b.source.y0)) {
    const o = inOffset.get(l.target.id) ?? l.target.y0;
    [l.ty0, l.ty1] = [o, o + l.value * scale];
    inOffset.set(l.target.id, l.ty1);
  }
  return { height, nodes: [...donors, ...recipients], links };
}

export const STATUS_COLORS: Record<string, string> = {
  offered: '#a78bfa',
  pledged: '#f59e0b',
  requested: '#94a3b8',
  discussed: '#cbd5e1',
  shipped: '#3b82f6',
  delivered: '#10b981',
  rejected: '#ef4444',
  redirected: '#ec4899',
};

/** `width` is the drawing's width in CSS pixels, so labels keep their size on a phone. */
export function sankeyChart(input: SankeyInput, title: string, width: number): SVGSVGElement {
  const W = width,
    NODE = 12,
    PAD = 8;
  const layout = layoutSankey(input);
  const H = layout.height + PAD * 2;
  const x = (n: NodeBox) => (n.side === 'donor' ? 0 : W - NODE);
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart sankey',
    role: 'img',
    'aria-label': title,
  });
  svg.append(s('title', {}, title));
  const g = s('g', { transform: `translate(0,${PAD})` });
  const mid = W / 2;
  for (const l of layout.links) {
    const [a, b] = [NODE, W - NODE];
    const d =
      `M${a},${l.sy0}C${mid},${l.sy0} ${mid},${l.ty0} ${b},${l.ty0}` +
      `L${b},${l.ty1}C${mid},${l.ty1} ${mid},${l.sy1} ${a},${l.sy1}Z`;
    g.append(
      s(
        'path',
        { d, fill: STATUS_COLORS[l.status] ?? '#94a3b8', class: 'link' },
        s(
          'title',
          {},
          `${l.source.name} → ${l.target.name}: ${l.itemGroups.join(', ') || 'aid'} (${l.status}; ${l.value} independent report${l.value === 1 ? '' : 's'})`,
        ),
      ),
    );
  }
  for (const n of layout.nodes) {
    const donor = n.side === 'donor';
    g.append(
      s(
        'rect',
        { x: x(n), y: n.y0, width: NODE, height: Math.max(1, n.y1 - n.y0), class: 'node' },
        s('title', {}, `${n.name}: ${n.value}`),
      ),
      s(
        'text',
        {
          x: donor ? NODE + 6 : W - NODE - 6,
          y: (n.y0 + n.y1) / 2 + 4,
          'text-anchor': donor ? 'start' : 'end',
          class: 'node-label',
        },
        n.name,
      ),
    );
  }
  svg.append(g);
  return svg;
}
