/**
 * npm run bench:extract — single-threaded, warm throughput of the extractor.
 *
 * Corpus: the project's samples, the seeds in ../shared/seeds and the 24 real articles of
 * ../shared/eval/dev when present, and synthetic articles from the load generator, at least 200
 * articles in all (--articles N, default 400).
 * Each article is extracted once to warm the JIT, then --rounds times (default 5) timed.
 * Reports KB/s over the whole corpus, ms per article (p50, p99) and peak RSS.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, wholeNumber } from '../local/cli';
import { extractArticle } from '../src/domain/extractor';
import { generateArticle } from './generator';

const values = cli('npm run bench:extract --', 'Single-threaded, warm throughput of the extractor.')
  .option('--articles <n>', 'articles in the corpus (at least 200)', wholeNumber(200), 400)
  .option('--rounds <n>', 'timed rounds over the corpus', wholeNumber(1), 5)
  .parse()
  .opts<{ articles: number; rounds: number }>();
const wanted = values.articles;
const rounds = values.rounds;

const root = path.resolve(import.meta.dirname, '..');
const folders = [
  path.join(root, 'samples'),
  path.resolve(root, '../shared/seeds'),
  path.resolve(root, '../shared/eval/dev'),
].filter(existsSync);
const corpus: { fileName: string; bytes: Uint8Array }[] = [];
for (const folder of folders) {
  for (const f of readdirSync(folder))
    if (/\.(txt|md|html|json)$/.test(f) && !f.endsWith('.gold.json'))
      corpus.push({ fileName: f, bytes: readFileSync(path.join(folder, f)) });
}
for (let i = 0; corpus.length < wanted; i++) {
  const a = generateArticle(i);
  corpus.push({ fileName: `${a.name}.txt`, bytes: new TextEncoder().encode(a.text) });
}

let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const bytes = corpus.reduce((n, a) => n + a.bytes.length, 0);
let facts = 0;
for (const a of corpus) extractArticle(a);

const perArticle: number[] = [];
const started = process.hrtime.bigint();
// CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
const cpuStart = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const a of corpus) {
    const t0 = process.hrtime.bigint();
    const out = extractArticle(a);
    perArticle.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r === 0 && out.kind === 'extracted')
      facts += out.aidFlows.length + out.caseCounts.length + out.timeline.length;
  }
  sample();
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
perArticle.sort((a, b) => a - b);
const pct = (p: number) =>
  perArticle[Math.min(perArticle.length - 1, Math.floor((p / 100) * perArticle.length))]!;

console.log(
  `corpus: ${corpus.length} articles, ${(bytes / 1024).toFixed(0)} KB (from ${folders.map((f) => path.relative(root, f)).join(', ')} and the synthetic generator), ${facts} facts`,
);
console.log(`rounds: ${rounds} (after one warm-up round), single thread`);
console.log(
  `throughput: ${((bytes * rounds) / 1024 / seconds).toFixed(0)} KB/s by the wall clock, ${((bytes * rounds) / 1024 / cpuSeconds).toFixed(0)} KB/s per CPU second  (target ≥ 250 KB/s)`,
);
console.log(
  `per article: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${perArticle.at(-1)!.toFixed(2)} ms`,
);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

const results = path.join(root, 'bench/results');
mkdirSync(results, { recursive: true });
writeFileSync(
  path.join(results, 'extract.json'),
  JSON.stringify(
    {
      articles: corpus.length,
      kb: bytes / 1024,
      rounds,
      kbPerSecond: (bytes * rounds) / 1024 / seconds,
      kbPerCpuSecond: (bytes * rounds) / 1024 / cpuSeconds,
      p50ms: pct(50),
      p99ms: pct(99),
      peakRssMb: peakRss / 1024 / 1024,
    },
    null,
    2,
  ),
);
