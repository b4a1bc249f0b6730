/**
 * The language model as nlp/model.ts loads it (core data read from its file with a faster loader,
 * no sentiment automaton) reads text exactly as wink's package does when loaded its own way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import winkNLP from 'wink-nlp';
import stock from 'wink-eng-lite-web-model';
import { model } from '../../../src/domain/extractor/nlp/model';

const PIPE = ['sbd', 'negation', 'pos', 'ner'] as const;
const SAMPLES = join(import.meta.dirname, '../../../samples');

type Engine = ReturnType<typeof winkNLP>;

/** Everything the extractor reads from wink, per token and per span. */
function reading(engine: Engine, text: string): unknown {
  const doc = engine.readDoc(text);
  const its = engine.its;
  // wink's typings cannot express its per-helper return types.
  const tokens = (helper: unknown): unknown => doc.tokens().out(helper as never);
  return {
    sentences: doc.sentences().out(its.span),
    entities: doc.entities().out(its.detail),
    spans: doc.entities().out(its.span),
    values: tokens(its.value),
    pos: tokens(its.pos),
    lemmas: tokens(its.lemma),
    negated: tokens(its.negationFlag),
    types: tokens(its.type),
    shapes: tokens(its.shape),
    stopWords: tokens(its.stopWordFlag),
  };
}

describe('the language model', () => {
  const ours = winkNLP(model, [...PIPE]);
  const theirs = winkNLP(stock, [...PIPE]);
  const texts = readdirSync(SAMPLES)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .map((f) => [f, readFileSync(join(SAMPLES, f), 'utf8')] as const);

  it('has sample articles to compare on', () => {
    expect(texts.length).toBeGreaterThan(10);
  });

  it.each(texts)('reads %s as the package loaded its own way does', (_file, text) => {
    expect(reading(ours, text)).toEqual(reading(theirs, text));
  });

  it('knows words it has never seen afterwards, as the package does', () => {
    const text = 'Zorblatt donated quixotrazine to Flimwick, and Zorblatt delivered it.';
    expect(reading(ours, text)).toEqual(reading(theirs, text));
    expect(reading(ours, text)).toEqual(reading(theirs, text));
  });
});
