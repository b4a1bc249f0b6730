/**
 * Colours the dashboard draws data with. Every one keeps at least 3:1 contrast with the white
 * card behind it (WCAG 1.4.11, graphical objects), also where it is drawn translucent; a series
 * is told apart by its marker shape as well as its colour, so ten colours and four shapes give
 * forty series before any repeats.
 */

export const SERIES_COLORS = [
  '#2563eb',
  '#dc2626',
  '#15803d',
  '#7c3aed',
  '#b45309',
  '#be185d',
  '#0e7490',
  '#4d7c0f',
  '#475569',
  '#9f1239',
] as const;

const SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
export type Shape = (typeof SHAPES)[number];

export interface SeriesStyle {
  color: string;
  shape: Shape;
}

const STYLES: SeriesStyle[] = SHAPES.flatMap((shape) =>
  SERIES_COLORS.map((color) => ({ color, shape })),
);

function hash(key: string): number {
  let x = 2166136261;
  for (let i = 0; i < key.length; i++) x = Math.imul(x ^ key.charCodeAt(i), 16777619);
  return x >>> 0;
}

/**
 * One style per key (a country's code), the same in every chart of a page: each key starts at
 * the style its hash picks, so a country mostly keeps its colour from page to page too, and
 * moves on to the next free style only where two keys of the page would share one.
 */
export function stylesFor(keys: Iterable<string>): Map<string, SeriesStyle> {
  const taken = new Set<number>();
  const styles = new Map<string, SeriesStyle>();
  for (const key of [...new Set(keys)].sort()) {
    let i = hash(key) % STYLES.length;
    for (let tries = 0; taken.has(i) && tries < STYLES.length; tries++) i = (i + 1) % STYLES.length;
    taken.add(i);
    styles.set(key, STYLES[i]!);
  }
  return styles;
}

/** The stage a flow is at, darker than pastel so a band keeps 3:1 on white at LINK_OPACITY. */
export const STATUS_COLORS: Record<string, string> = {
  offered: '#6d28d9',
  pledged: '#92400e',
  requested: '#334155',
  discussed: '#475569',
  shipped: '#1d4ed8',
  delivered: '#047857',
  rejected: '#b91c1c',
  redirected: '#9d174d',
};
export const LINK_OPACITY = 0.8;

const channels = (hex: string): number[] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

/** A colour drawn with `alpha` over a background, as the eye sees it. */
export function over(hex: string, alpha: number, background = '#ffffff'): string {
  const [f, b] = [channels(hex), channels(background)];
  return `#${f
    .map((c, i) => Math.round((alpha * c + (1 - alpha) * b[i]!) * 255))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = channels(hex).map((c) =>
      c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}
