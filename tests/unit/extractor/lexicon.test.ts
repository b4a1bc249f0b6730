/**
 * The lexicon's own examples: every frame of aid (a verb or noun with its stage and slots) and
 * every metric example is a sentence of ours with the fact it must yield, or none. A new verb,
 * noun or metric word is one entry in src/domain/extractor/lexicon with its examples, and this
 * test runs them.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/domain/extractor';
import { FRAMES } from '../../../src/domain/extractor/lexicon/aid-frames';
import { METRIC_EXAMPLES } from '../../../src/domain/extractor/lexicon/metrics';

function extracted(text: string) {
  const out = extractArticle({ fileName: 'example.txt', bytes: new TextEncoder().encode(text) });
  if (out.kind !== 'extracted') throw new Error(`example rejected: ${out.detail}`);
  return out;
}

/** "Japan → Iran delivered", with * for a side the example leaves open. */
function flowsOf(text: string): string[] {
  return extracted(text).aidFlows.map(
    (f) => `${f.donor ?? '*'} → ${f.recipient ?? '*'} ${f.status}`,
  );
}

const frameExamples = FRAMES.flatMap((frame) =>
  frame.examples.map((ex) => [frame.words.join('/'), ex.text, ex.flow] as const),
);

describe('frames of aid, each on its own examples', () => {
  it.each(frameExamples)('%s: %s → %s', (_words, text, flow) => {
    const found = flowsOf(text);
    if (flow === null) expect(found).toEqual([]);
    else
      expect(
        found.some((f) => sameFlow(flow, f)),
        `${JSON.stringify(found)}`,
      ).toBe(true);
  });
});

/** A found flow satisfies an expected one when each side matches or the expected side is "*". */
function sameFlow(expected: string, found: string): boolean {
  const parse = (s: string) => /^(.*) → (.*) (\w+)$/.exec(s)!.slice(1);
  const [ed, er, es] = parse(expected);
  const [fd, fr, fs] = parse(found);
  return (ed === '*' || ed === fd) && (er === '*' || er === fr) && es === fs;
}

describe('metrics of case counts, each on its own examples', () => {
  it.each(METRIC_EXAMPLES.map((e) => [e.text, e.count] as const))('%s → %s', (text, count) => {
    const found = extracted(text).caseCounts.map((c) => `${c.metric} ${c.value}`);
    if (count === null) expect(found).toEqual([]);
    else expect(found).toContain(count);
  });
});
