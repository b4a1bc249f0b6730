/**
 * Aid to or from one country as a stage timeline: one row per partner (each donor of the aid it
 * received, each recipient of the aid it gave), each flow a marker at its date in the colour of
 * its stage — so "offered in 2021, rejected, pledged again in 2022, delivered" reads left to right.
 * A flow dated only by its first report is drawn hollow at that date.
 */
import { scaleUtc } from 'd3-scale';
import type { AidFlowEntry } from '../src/domain/facts/aid-flow';
import { timeTickLabels } from './charts';
import { s } from './dom';
import { dateValue } from './format';
import { STATUS_COLORS } from './palette';

const ROW = 34,
  TOP = 8,
  BOTTOM = 44,
  RIGHT = 18,
  DAY = 864e5;

/** Where a flow sits in time: its stage's date, else its first report; null for neither. */
export function flowTime(f: AidFlowEntry): { x: number; reported: boolean } | null {
  const own = dateValue(f.date);
  if (own !== null) return { x: own, reported: false };
  const reported = dateValue(f.reportedAt);
  return reported === null ? null : { x: reported, reported: true };
}

export interface StageChartOptions {
  title: string;
  /** Who a row is: the donor on "aid received", the recipient on "aid given". */
  partnerOf: (f: AidFlowEntry) => string;
  width: number;
  onSelect: (f: AidFlowEntry) => void;
  describe: (f: AidFlowEntry) => string;
}

function marker(f: AidFlowEntry, xy: [number, number], o: StageChartOptions, hollow: boolean) {
  const color = STATUS_COLORS[f.status] ?? STATUS_COLORS.requested!;
  const mark = s(
    'g',
    {
      class: `point stage${hollow ? ' hollow' : ''}`,
      transform: `translate(${xy[0]},${xy[1]})`,
      tabindex: 0,
      role: 'button',
      'aria-label': o.describe(f),
    },
    s('title', {}, o.describe(f)),
    s('circle', { r: 7, fill: hollow ? '#fff' : color, stroke: color, 'stroke-width': 2.5 }),
  );
  mark.addEventListener('click', () => o.onSelect(f));
  mark.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key !== 'Enter' && key !== ' ') return;
    e.preventDefault();
    o.onSelect(f);
  });
  return mark;
}

export function stageChart(flows: AidFlowEntry[], o: StageChartOptions): SVGSVGElement {
  const placed = flows.filter((f) => flowTime(f) !== null);
  const partners = [...new Set(placed.map(o.partnerOf))].sort();
  const left = Math.min(170, Math.round(o.width * 0.34));
  // Names longer than the label column are cut; the row's markers name the partner in full.
  const room = Math.floor((left - 10) / 7.5);
  const short = (p: string) => (p.length > room ? `${p.slice(0, room - 1)}…` : p);
  const height = TOP + partners.length * ROW + BOTTOM;
  const xs = placed.map((f) => flowTime(f)!.x);
  const pad = Math.max(20 * DAY, (Math.max(...xs) - Math.min(...xs)) * 0.05);
  const x = scaleUtc()
    .domain([new Date(Math.min(...xs) - pad), new Date(Math.max(...xs) + pad)])
    .range([left, o.width - RIGHT]);
  const ticks = x.ticks(Math.max(2, Math.floor((o.width - left - RIGHT) / 90)));
  const labels = timeTickLabels(ticks);
  const axisY = TOP + partners.length * ROW;
  const svg = s('svg', {
    viewBox: `0 0 ${o.width} ${height}`,
    class: 'chart stages',
    role: 'group',
    'aria-label': o.title,
  });
  partners.forEach((p, i) => {
    const y = TOP + i * ROW + ROW / 2;
    svg.append(
      s('line', { x1: left, x2: o.width - RIGHT, y1: y, y2: y, class: 'grid' }),
      s(
        'text',
        { x: left - 8, y: y + 5, 'text-anchor': 'end', class: 'row-label' },
        s('title', {}, p),
        short(p),
      ),
    );
  });
  ticks.forEach((t, i) => {
    const [fine, year] = labels[i]!;
    svg.append(
      s('line', { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5, class: 'axis' }),
      s('text', { x: x(t), y: axisY + 18, 'text-anchor': 'middle', class: 'tick' }, fine),
    );
    if (year)
      svg.append(
        s('text', { x: x(t), y: axisY + 34, 'text-anchor': 'middle', class: 'tick' }, year),
      );
  });
  svg.append(s('line', { x1: left, x2: o.width - RIGHT, y1: axisY, y2: axisY, class: 'axis' }));
  // Stages reported on one day for one partner sit side by side rather than on top of each other.
  const seen = new Map<string, number>();
  for (const f of placed) {
    const when = flowTime(f)!;
    const row = partners.indexOf(o.partnerOf(f));
    const key = `${row}|${when.x}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const y = TOP + row * ROW + ROW / 2;
    svg.append(marker(f, [x(new Date(when.x)) + nth * 12, y], o, when.reported));
  }
  return svg;
}
