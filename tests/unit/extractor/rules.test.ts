/**
 * Every extraction rule against its own examples, by ablation: on each example the rule must
 * make a difference (the facts with the rule differ from the facts without it), and on each
 * counterexample it must make none. A rule that no longer fires on the sentences it was written
 * for, or that starts firing where it must not, fails here by name.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/domain/extractor';
import { CLAUSE_RULES, FLOW_RULES } from '../../../src/domain/extractor/aid-flows';
import { ATTRIBUTE_RULES, METRIC_RULES } from '../../../src/domain/extractor/case-counts';
import type { RuleSpec } from '../../../src/domain/extractor/rules/rule';

const facts = (text: string, skip?: string): string => {
  const out = extractArticle(
    { fileName: 'example.txt', bytes: new TextEncoder().encode(text) },
    { skip: skip ? new Set([skip]) : undefined },
  );
  if (out.kind !== 'extracted') throw new Error(`example rejected: ${out.detail}`);
  return JSON.stringify([out.aidFlows, out.caseCounts]);
};

const RULES: RuleSpec[] = [...CLAUSE_RULES, ...FLOW_RULES, ...METRIC_RULES, ...ATTRIBUTE_RULES];

describe('the extraction rules, each on its examples', () => {
  it('has a name, a summary and at least one example per rule, names unique', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) {
      expect(r.summary, r.name).not.toBe('');
      expect(r.examples.length, `${r.name} has no example`).toBeGreaterThan(0);
    }
  });

  describe.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    it.each(rule.examples)('changes what is found in: %s', (text) => {
      expect(facts(text, rule.name)).not.toEqual(facts(text));
    });
    if (rule.counterexamples.length)
      it.each(rule.counterexamples)('changes nothing in: %s', (text) => {
        expect(facts(text, rule.name)).toEqual(facts(text));
      });
  });
});
