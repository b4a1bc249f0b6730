/**
 * Splits an article's text at its facts' evidence offsets, so each piece can be rendered as a
 * text node, marked with the facts whose evidence covers it. Offsets are UTF-16 code units, as
 * JavaScript strings index them; out-of-range or empty spans are ignored rather than trusted.
 */
export interface Span<K> {
  start: number;
  end: number;
  key: K;
}

export interface Segment<K> {
  text: string;
  start: number;
  keys: K[];
}

export function segments<K>(text: string, spans: Span<K>[]): Segment<K>[] {
  const valid = spans
    .map((sp) => ({
      ...sp,
      start: Math.max(0, Math.min(sp.start, text.length)),
      end: Math.max(0, Math.min(sp.end, text.length)),
    }))
    .filter((sp) => sp.end > sp.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((sp) => [sp.start, sp.end])])].sort(
    (a, b) => a - b,
  );
  const out: Segment<K>[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    out.push({
      text: text.slice(a, b),
      start: a,
      keys: valid.filter((sp) => sp.start <= a && sp.end >= b).map((sp) => sp.key),
    });
  }
  return out;
}
