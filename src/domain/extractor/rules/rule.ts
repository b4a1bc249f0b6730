/**
 * The shape every extraction rule takes, after chrono's parsers and refiners: a name, what it
 * does in one line, sentences of our own it must fire on and sentences it must leave alone, and
 * the function itself. tests/unit/extractor/rules.test.ts runs every rule's examples; a fact
 * records the names of the rules that made it, so the test can tell which rule fired.
 */
export interface RuleSpec {
  name: string;
  summary: string;
  /** Sentences on which the rule must fire (be named in the trace of a fact). */
  examples: string[];
  /** Sentences on which it must not. */
  counterexamples: string[];
}

export interface Rule<In, Ctx> extends RuleSpec {
  apply(input: In, context: Ctx): In;
}

export function defineRule<In, Ctx>(rule: Rule<In, Ctx>): Rule<In, Ctx> {
  return rule;
}

/** Which rules to leave out of a run: the rule tests measure each rule by its absence. */
export interface RuleOptions {
  skip?: ReadonlySet<string>;
}

/** Runs rules in order, each on what the one before left. */
export function runRules<In, Ctx>(
  rules: readonly Rule<In, Ctx>[],
  input: In,
  context: Ctx,
  options: RuleOptions = {},
): In {
  return rules.reduce(
    (acc, rule) => (options.skip?.has(rule.name) ? acc : rule.apply(acc, context)),
    input,
  );
}
