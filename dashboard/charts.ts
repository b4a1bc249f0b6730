/**
 * Small SVG charts drawn from scratch (no CDN, no chart library): a step chart of values over
 * time, one line per series. Sizes live in the viewBox, so the chart scales to any width.
 */
import { s } from './dom';

interface Point<D> {
  x: number;
  y: number;
  title: string;
  datum: D;
  /** Drawn hollow: placed by a stand-in date rather than its own. */
  hollow?: boolean;
}

export interface Series<D> {
  name: string;
  points: Point<D>[];
}

const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#475569',
];

/** Round tick values covering [0, max]: 1, 2 or 5 times a power of ten apart. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((st) => st >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const MONTH = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DAY = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The drawing's size in viewBox units, and the margins the axis labels sit in. */
const W = 640,
  H = 280,
  LEFT = 80,
  RIGHT = 16,
  TOP = 16,
  BOTTOM = 40;

interface Frame {
  x0: number;
  x1: number;
  yTicks: number[];
  X: (x: number) => number;
  Y: (y: number) => number;
}

function frameOf<D>(series: Series<D>[]): Frame {
  const all = series.flatMap((se) => se.points);
  const xs = all.map((p) => p.x);
  let x0 = Math.min(...xs),
    x1 = Math.max(...xs);
  // A single date still needs a span to draw on: a week either side.
  if (x0 === x1) [x0, x1] = [x0 - 7 * 864e5, x1 + 7 * 864e5];
  const yTicks = niceTicks(Math.max(...all.map((p) => p.y)));
  const yMax = yTicks.at(-1)!;
  return {
    x0,
    x1,
    yTicks,
    X: (x) => LEFT + ((x - x0) / (x1 - x0)) * (W - LEFT - RIGHT),
    Y: (y) => TOP + (1 - y / yMax) * (H - TOP - BOTTOM),
  };
}

function axes({ x0, x1, yTicks, X, Y }: Frame): SVGElement[] {
  const fmt = (x1 - x0) / 864e5 > 120 ? MONTH : DAY;
  const gridLines = yTicks.flatMap((t) => [
    s('line', { x1: LEFT, x2: W - RIGHT, y1: Y(t), y2: Y(t), class: 'grid' }),
    s('text', { x: LEFT - 8, y: Y(t) + 5, 'text-anchor': 'end', class: 'tick' }, compact.format(t)),
  ]);
  const dateTicks = [0, 1, 2, 3, 4].map((i) => {
    const x = x0 + ((x1 - x0) * i) / 4;
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    return s(
      'text',
      { x: X(x), y: H - BOTTOM + 24, 'text-anchor': anchor, class: i % 2 ? 'tick minor' : 'tick' },
      fmt.format(x),
    );
  });
  const axis = s('line', { x1: LEFT, x2: W - RIGHT, y1: Y(0), y2: Y(0), class: 'axis' });
  return [...gridLines, ...dateTicks, axis];
}

function dot<D>(p: Point<D>, color: string, { X, Y }: Frame, onSelect?: (datum: D) => void) {
  const circle = s(
    'circle',
    {
      cx: X(p.x),
      cy: Y(p.y),
      r: 5,
      fill: p.hollow ? '#fff' : color,
      stroke: p.hollow ? color : null,
      class: p.hollow ? 'point hollow' : 'point',
      tabindex: 0,
    },
    s('title', {}, p.title),
  );
  if (onSelect) {
    const select = () => onSelect(p.datum);
    circle.addEventListener('click', select);
    circle.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && select());
  }
  return circle;
}

function seriesMarks<D>(
  se: Series<D>,
  color: string,
  frame: Frame,
  onSelect?: (datum: D) => void,
): SVGElement[] {
  const { X, Y } = frame;
  const pts = [...se.points].sort((a, b) => a.x - b.x);
  // Counts hold until the next report: a step after each point.
  const d = pts.map((p, j) => (j === 0 ? `M${X(p.x)},${Y(p.y)}` : `H${X(p.x)}V${Y(p.y)}`)).join('');
  const line =
    pts.length > 1
      ? [s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: 'series' })]
      : [];
  return [...line, ...pts.map((p) => dot(p, color, frame, onSelect))];
}

export function stepChart<D>(
  series: Series<D>[],
  options: { title: string; onSelect?: (datum: D) => void },
): SVGSVGElement {
  const frame = frameOf(series);
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    role: 'img',
    'aria-label': options.title,
  });
  svg.append(s('title', {}, options.title), ...axes(frame));
  series.forEach((se, i) =>
    svg.append(...seriesMarks(se, PALETTE[i % PALETTE.length]!, frame, options.onSelect)),
  );
  return svg;
}

export const legend = (names: string[]) =>
  names.map((name, i) => ({ name, color: PALETTE[i % PALETTE.length]! }));
