/**
 * Places and figures listed side by side pair up in order: "West Gonja, North Gonja and Bole
 * districts have reported 98, 41 and 27 suspected cases", "Edo and Bauchi have 161 and 76
 * respectively". The figures share the metric of the last ("27 suspected cases").
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { textOf, type Mention } from '../../nlp/mentions';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

const JOINS = new Set([',', 'and', 'or']);

/** Runs of list items joined by commas and "and": the items' first tokens, in order. */
function lists<T extends { from: number; to: number }>(tokens: Token[], items: T[]): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    const between = last ? tokens.slice(last.to, item.from) : [];
    // A place name may take a common noun after it ("… and Bole districts").
    const joined =
      last &&
      between.length > 0 &&
      between.length <= 3 &&
      between.every((t) => JOINS.has(t.lower) || t.pos === 'NOUN');
    if (run && joined && between.some((t) => JOINS.has(t.lower))) run.push(item);
    else runs.push([item]);
  }
  return runs.filter((r) => r.length > 1);
}

const isPlace = (m: Mention) => m.kind !== 'organisation' && m.via !== 'demonym';

interface Named {
  name: string;
  from: number;
  to: number;
}

/**
 * The places of a sentence, named as written: a capital is its city here ("Manila", not the
 * Philippines), and a capitalised name the gazetteer lacks ("Caloocan") is a place too.
 */
function placeNames(s: CountContext['s']): Named[] {
  const tokens = s.sentence.tokens;
  const out: Named[] = s.mentions.filter(isPlace).map((m) => ({
    name: m.via === 'capital' ? textOf(s.sentence, m.from, m.to) : m.name,
    from: m.from,
    to: m.to,
  }));
  for (let k = 0; k < tokens.length; k++) {
    if (
      out.some((m) => m.from <= k && k < m.to) ||
      !tokens[k]!.capitalised ||
      tokens[k]!.pos !== 'PROPN'
    )
      continue;
    let j = k;
    while (tokens[j]?.capitalised && tokens[j]!.pos === 'PROPN' && !out.some((m) => m.from === j))
      j++;
    out.push({ name: textOf(s.sentence, k, j), from: k, to: j });
    k = j - 1;
  }
  return out.sort((a, b) => a.from - b.from);
}

export const pairedLists = defineRule<CountDraft[], CountContext>({
  name: 'paired-lists',
  summary: 'places and figures listed side by side pair up in order',
  examples: [
    'Zomba, Machinga and Balaka districts have reported 98, 41 and 27 suspected cases.',
    'Ghana and Togo have recorded 161 and 76 cases respectively.',
  ],
  counterexamples: ['Ghana has recorded 161 cases and 76 deaths.'],
  apply(drafts, { s }) {
    const tokens = s.sentence.tokens;
    const places = lists(tokens, placeNames(s));
    const figures = lists(
      tokens,
      drafts.map((d) => d.n),
    );
    let out = drafts;
    for (const run of figures) {
      const match = places.find((p) => p.length === run.length);
      if (!match) continue;
      const last = drafts.find((d) => d.n === run.at(-1));
      out = out.map((d) => {
        const k = run.indexOf(d.n);
        if (k < 0) return d;
        return {
          ...d,
          metric: d.metric ?? last?.metric ?? null,
          place: { name: match[k]!.name, named: true },
          rules: [...d.rules, 'paired-lists'],
        };
      });
    }
    return out;
  },
});
