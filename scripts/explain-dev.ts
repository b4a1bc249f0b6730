import { readFileSync } from 'node:fs';
import { prepareArticle } from '../src/domain/extractor';
import { analyseArticle } from '../src/domain/extractor/context';
import { clauseEvents } from '../src/domain/extractor/aid-flows';
import { countDrafts } from '../src/domain/extractor/case-counts';
import { slotOf } from '../src/domain/extractor/nlp/slots';
const file = process.argv[2]!;
const filter = process.argv[3];
const bytes = file.endsWith('.txt') ? readFileSync(file) : Buffer.from(file);
const p = prepareArticle({
  fileName: file.endsWith('.txt') ? file.split('/').pop()! : 'x.txt',
  bytes,
  metadata: { publishedAt: process.env.PUB ?? undefined },
});
if (p.kind !== 'prepared') {
  console.log(p);
  process.exit();
}
const ctx = analyseArticle(p.text, p.publishedAt, p.datelines);
console.log('focus', ctx.focus, 'disease', ctx.disease, 'pub', ctx.publishedAt);
const events = clauseEvents(ctx);
const counts = countDrafts(ctx);
for (const s of ctx.sentences) {
  if (filter && !s.sentence.text.includes(filter)) continue;
  console.log(
    `\n#${s.sentence.index} ${s.sentence.furniture ? '[F] ' : ''}${JSON.stringify(s.sentence.text)}`,
  );
  console.log(
    '  ',
    s.sentence.tokens.map((t) => `${t.text}/${t.pos}${t.negated ? '!' : ''}`).join(' '),
  );
  for (const c of s.clauses) {
    const set = new Set(c.tokens);
    console.log(
      `  clause${c.aside ? ' aside' : ''}${c.subjectless ? ' subjless' : ''}: ${c.tokens.map((k) => s.sentence.tokens[k]!.text).join(' ')}`,
    );
    for (const m of s.mentions.filter((m) => set.has(m.from))) {
      const sl = slotOf(s.sentence, set, s.mentions, m);
      console.log(
        `     M ${m.name} [${m.kind}/${m.via}${m.possessive ? ' poss' : ''}] slot=${sl.slot}@${sl.at} mods=${sl.modifiers.map((x) => x.name)}`,
      );
    }
  }
  console.log(
    '   dates',
    s.dates.map((d) => `${d.surface}=${d.value}`).join(', '),
    'numbers',
    s.numbers.map((n) => n.value).join(','),
    'dis',
    s.diseases,
    'attr',
    s.attribution?.by,
  );
  for (const e of events.filter((e) => e.s === s)) {
    if (!e.predicates.length) continue;
    console.log(
      `   EVENT stage=${e.stage} aid=${e.aid} preds=${e.predicates.map((p) => `${s.sentence.tokens[p.at]!.text}:${p.frame.kind}/${p.voice}/${p.stage}`).join(',')} donors=${e.donors.map((m) => m.name)} recips=${e.recipients.map((m) => m.name)} places=${e.places.map((m) => m.name)} chans=${e.channels.map((m) => m.name)} backers=${e.backers.map((m) => m.name)} items=${e.items} q=${JSON.stringify(e.quantity)} rules=${e.rules} side=${e.side.length}`,
    );
  }
  for (const d of counts.filter((d) => d.s === s))
    console.log(
      `   COUNT ${d.metric} ${d.value} ${d.qualifier} ${d.period} @${d.place?.name} asOf=${d.asOf} rules=${d.rules}`,
    );
}
