import { readdirSync, readFileSync } from 'node:fs';
import { extractArticle } from '../src/domain/extractor';
const dirs = ['/work/shared/eval/dev', '/work/shared/seeds', '/work/wt-extract/samples'];
const corpus = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(txt|md|html|json)$/.test(f) && !f.includes('gold'))
    .map((f) => ({ fileName: f, bytes: readFileSync(`${d}/${f}`) })),
);
const bytes = corpus.reduce((n, a) => n + a.bytes.length, 0);
for (const a of corpus) extractArticle(a);
const c0 = process.cpuUsage();
const t = performance.now();
for (let r = 0; r < 15; r++) for (const a of corpus) extractArticle(a);
const cu = process.cpuUsage(c0);
const ms = (cu.user + cu.system) / 1000;
console.log(
  corpus.length,
  'articles',
  (bytes / 1024).toFixed(0),
  'KB',
  ((bytes * 15) / 1024 / (ms / 1000)).toFixed(0),
  'KB/s',
);
