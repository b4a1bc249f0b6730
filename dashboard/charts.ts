/**
 * A chart of values over time, one series per place, in SVG: the scales and tick choices come
 * from d3-scale and the marker shapes from d3-shape; the drawing is ours, so every mark is made
 * through `s()` and no data string ever becomes markup. The time axis always shows years, the
 * value axis names its unit, and each series keeps the colour and marker shape it is given.
 */
import { scaleLinear, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3-scale';
import {
  curveLinear,
  curveStepAfter,
  line,
  symbol,
  symbolCircle,
  symbolDiamond,
  symbolSquare,
  symbolTriangle,
} from 'd3-shape';
import { s } from './dom';
import type { SeriesStyle, Shape } from './palette';

interface TimePoint<D> {
  x: number;
  y: number;
  /** A disputed figure: the lowest and highest values its sources give. */
  range?: [number, number];
  /** Drawn hollow: placed by its publication date, since it gives no date of its own. */
  hollow?: boolean;
  label: string;
  datum: D;
}

export interface TimeSeries<D> {
  key: string;
  name: string;
  style: SeriesStyle;
  points: TimePoint<D>[];
}

export interface TimeChartOptions<D> {
  title: string;
  /** What the values count, written on the value axis ("people tested", "deaths"). */
  unit: string;
  /** Running totals hold until the next report (steps); figures of a period are joined by lines. */
  cumulative: boolean;
  width: number;
  onSelect?: (datum: D) => void;
}

const H = 260,
  LEFT = 56,
  RIGHT = 18,
  TOP = 28,
  BOTTOM = 44,
  DAY = 864e5;

const SYMBOLS: Record<Shape, Parameters<typeof symbol>[0]> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
};

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/**
 * Two lines per tick: the month or day, and under it the year wherever it changes (and at the
 * first tick), so a reader always knows the year. Ticks on New Year's Day say the year alone.
 */
export function timeTickLabels(ticks: Date[]): [string, string | null][] {
  const yearsOnly = ticks.every((t) => t.getUTCMonth() === 0 && t.getUTCDate() === 1);
  const monthsOnly = ticks.every((t) => t.getUTCDate() === 1);
  return ticks.map((t, i) => {
    const year = String(t.getUTCFullYear());
    if (yearsOnly) return [year, null];
    const fine = monthsOnly ? MONTH.format(t) : DAY_MONTH.format(t);
    const newYear = i === 0 || ticks[i - 1]!.getUTCFullYear() !== t.getUTCFullYear();
    return [fine, newYear ? year : null];
  });
}

interface Frame {
  x: ScaleTime<number, number>;
  y: ScaleLinear<number, number>;
  width: number;
}

function frameOf<D>(series: TimeSeries<D>[], width: number): Frame {
  const points = series.flatMap((se) => se.points);
  let [x0, x1] = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
  // A single date still needs a span to sit in; otherwise a little room at both ends.
  const pad = x0 === x1 ? 20 * DAY : (x1 - x0) * 0.04;
  [x0, x1] = [x0 - pad, x1 + pad];
  const top = Math.max(1, ...points.map((p) => p.range?.[1] ?? p.y));
  return {
    x: scaleUtc()
      .domain([new Date(x0), new Date(x1)])
      .range([LEFT, width - RIGHT]),
    y: scaleLinear()
      .domain([0, top])
      .nice()
      .range([H - BOTTOM, TOP]),
    width,
  };
}

function valueAxis({ y, width }: Frame, unit: string): SVGElement[] {
  return [
    ...y
      .ticks(5)
      .filter(Number.isInteger)
      .flatMap((t) => [
        s('line', { x1: LEFT, x2: width - RIGHT, y1: y(t), y2: y(t), class: 'grid' }),
        s(
          'text',
          { x: LEFT - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' },
          compact.format(t),
        ),
      ]),
    s('text', { x: 4, y: 14, class: 'axis-title' }, unit),
  ];
}

function timeAxis({ x, width }: Frame): SVGElement[] {
  const ticks = x.ticks(Math.max(2, Math.floor((width - LEFT - RIGHT) / 90)));
  const labels = timeTickLabels(ticks);
  const marks: SVGElement[] = [
    s('line', { x1: LEFT, x2: width - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, class: 'axis' }),
  ];
  ticks.forEach((t, i) => {
    const [fine, year] = labels[i]!;
    marks.push(
      s('line', { x1: x(t), x2: x(t), y1: H - BOTTOM, y2: H - BOTTOM + 5, class: 'axis' }),
      s('text', { x: x(t), y: H - BOTTOM + 18, 'text-anchor': 'middle', class: 'tick' }, fine),
    );
    if (year)
      marks.push(
        s('text', { x: x(t), y: H - BOTTOM + 34, 'text-anchor': 'middle', class: 'tick' }, year),
      );
  });
  return marks;
}

function marker<D>(p: TimePoint<D>, style: SeriesStyle, frame: Frame, onSelect?: (d: D) => void) {
  const [cx, cy] = [frame.x(new Date(p.x)), frame.y(p.y)];
  const d = symbol(SYMBOLS[style.shape], 64)()!;
  const range = p.range
    ? s('path', {
        d: `M${cx - 5},${frame.y(p.range[0])}H${cx + 5}M${cx},${frame.y(p.range[0])}V${frame.y(p.range[1])}M${cx - 5},${frame.y(p.range[1])}H${cx + 5}`,
        stroke: style.color,
        'stroke-width': 2,
        class: 'range',
      })
    : null;
  const mark = s(
    'g',
    {
      class: `point${p.hollow ? ' hollow' : ''}${p.range ? ' disputed' : ''}`,
      transform: `translate(${cx},${cy})`,
      ...(onSelect ? { tabindex: 0, role: 'button', 'aria-label': p.label } : {}),
    },
    s('title', {}, p.label),
    s('path', {
      d,
      fill: p.hollow ? '#fff' : style.color,
      stroke: style.color,
      'stroke-width': 2,
    }),
  );
  if (onSelect) {
    mark.addEventListener('click', () => onSelect(p.datum));
    mark.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key !== 'Enter' && key !== ' ') return;
      e.preventDefault();
      onSelect(p.datum);
    });
  }
  return range ? [range, mark] : [mark];
}

export function timeChart<D>(series: TimeSeries<D>[], options: TimeChartOptions<D>): SVGSVGElement {
  const frame = frameOf(series, options.width);
  const svg = s('svg', {
    viewBox: `0 0 ${options.width} ${H}`,
    class: 'chart',
    role: options.onSelect ? 'group' : 'img',
    'aria-label': `${options.title} (${options.unit} over time)`,
  });
  svg.append(...valueAxis(frame, options.unit), ...timeAxis(frame));
  const path = line<TimePoint<D>>()
    .x((p) => frame.x(new Date(p.x)))
    .y((p) => frame.y(p.y))
    .curve(options.cumulative ? curveStepAfter : curveLinear);
  for (const se of series) {
    const points = [...se.points].sort((a, b) => a.x - b.x);
    if (points.length > 1)
      svg.append(
        s('path', { d: path(points), fill: 'none', stroke: se.style.color, class: 'series' }),
      );
    for (const p of points) svg.append(...marker(p, se.style, frame, options.onSelect));
  }
  return svg;
}
