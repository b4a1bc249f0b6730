/**
 * Why the extractor found what it found: each sentence of an article with its tokens, clauses,
 * mentions and their slots, and the clause events and case-count drafts the rules made of it,
 * with the names of the rules that shaped each. For a developer reading a miss.
 *
 *   npm run --silent explain -- FILE [words of the sentences to show]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareArticle } from '../src/domain/extractor';
import { clauseEvents } from '../src/domain/extractor/aid-flows';
import type { ClauseEvent } from '../src/domain/extractor/aid/event';
import { countDrafts } from '../src/domain/extractor/case-counts';
import { analyseArticle, type SentenceContext } from '../src/domain/extractor/context';
import type { CountDraft } from '../src/domain/extractor/counts/draft';
import { slotOf } from '../src/domain/extractor/nlp/slots';

const names = (ms: { name: string }[]) => ms.map((m) => m.name).join(', ');

function sentence(s: SentenceContext): string[] {
  const tokens = s.sentence.tokens;
  const lines = [
    `#${s.sentence.index}${s.sentence.furniture ? ' [furniture]' : ''} ${JSON.stringify(s.sentence.text)}`,
    `  ${tokens.map((t) => `${t.text}/${t.pos}${t.negated ? '!' : ''}`).join(' ')}`,
  ];
  for (const c of s.clauses) {
    const inClause = new Set(c.tokens);
    const kind = `${c.aside ? ' aside' : ''}${c.subjectless ? ' subjectless' : ''}`;
    lines.push(`  clause${kind}: ${c.tokens.map((k) => tokens[k]!.text).join(' ')}`);
    for (const m of s.mentions.filter((x) => inClause.has(x.from))) {
      const slot = slotOf(s.sentence, inClause, s.mentions, m);
      lines.push(`    ${m.name} [${m.kind}/${m.via}] ${slot.slot}@${slot.at}`);
    }
  }
  const dates = s.dates.map((d) => `${d.surface}=${d.value}`).join(', ');
  lines.push(`  dates: ${dates} · diseases: ${s.diseases.join(', ')}`);
  return lines;
}

function event(e: ClauseEvent): string {
  const tokens = e.s.sentence.tokens;
  const words = e.predicates.map((p) => `${tokens[p.at]!.text}:${p.frame.kind}/${p.voice}`);
  return (
    `  aid ${e.stage} (${words.join(', ')}) donors [${names(e.donors)}] recipients [${names(e.recipients)}]` +
    ` items [${e.items.join(', ')}] rules [${e.rules.join(', ')}]`
  );
}

const count = (d: CountDraft) =>
  `  count ${d.metric} ${d.value} ${d.qualifier} ${d.period} at ${d.place?.name} as of ${d.asOf} rules [${d.rules.join(', ')}]`;

const [file, ...words] = process.argv.slice(2);
if (!file) {
  console.error('usage: npm run --silent explain -- FILE [words of the sentences to show]');
  process.exit(2);
}
const prepared = prepareArticle({ fileName: path.basename(file), bytes: readFileSync(file) });
if (prepared.kind !== 'prepared') {
  console.log(prepared);
  process.exit(1);
}
const article = analyseArticle(prepared.text, prepared.publishedAt, prepared.datelines);
const events = clauseEvents(article);
const counts = countDrafts(article);
console.log(
  `focus ${article.focus?.name} · disease ${article.disease} · published ${article.publishedAt}`,
);
for (const s of article.sentences) {
  if (words.length && !s.sentence.text.includes(words.join(' '))) continue;
  const lines = [
    ...sentence(s),
    ...events.filter((e) => e.s === s && e.predicates.length).map(event),
    ...counts.filter((d) => d.s === s).map(count),
  ];
  console.log(`\n${lines.join('\n')}`);
}
