/**
 * Writes the generated members of the bad-input corpus, which are not committed:
 *   oversized.txt      English news text just over the 2 MB limit
 *   one-long-line.txt  a 100 KB article with no line break
 *   nul-after-8k.txt   a 20 KB article with a NUL byte 12 KB in
 *   rtf-as-text.txt    an RTF document saved under a .txt name
 *   deep-nesting.html  600,000 unclosed <b> tags after an article (1.8 MB; took 357 s to parse)
 *   space-runs.txt     an article with 40,000 spaces in the middle (took 35 s to extract)
 *   figures.txt        a 200 KB sentence of figures (100 KB took 91 s to extract)
 *   multiplied-flows.txt  200 KB of clauses naming forty givers and forty receivers each
 * Usage: tsx scripts/make-bad-inputs.ts <folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateArticle } from '../bench/generator';
import { multipliedFlows, SHAPES } from '../bench/pathological';

export function writeLargeBadInputs(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const text = (bytes: number, joiner: string) => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const body = generateArticle(i).text.replace(/\s+/g, ' ');
      parts.push(body);
      size += Buffer.byteLength(body) + joiner.length;
    }
    return parts.join(joiner);
  };
  const article = text(20 * 1024, '\n\n');
  const files = {
    'nul-after-8k.txt': `${article.slice(0, 12 * 1024)}\u0000${article.slice(12 * 1024)}`,
    'rtf-as-text.txt': `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 ${article.slice(0, 4000)}\\par }`,
    'oversized.txt': text(2 * 1024 * 1024 + 4096, '\n\n'),
    'deep-nesting.html': `<p>${article.slice(0, 2000)}</p>${'<b>'.repeat(600_000)}`,
    'space-runs.txt': `${article.slice(0, 4000)}${' '.repeat(40_000)}${article.slice(4000, 8000)}`,
    'figures.txt': SHAPES.find((s) => s.fileName === 'figures.txt')!.make(200 * 1024),
    'multiplied-flows.txt': multipliedFlows(200 * 1024),
    'one-long-line.txt': text(100 * 1024, ' ')
      .slice(0, 100 * 1024)
      .replace(/\s\S*$/, ''),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return Object.keys(files).map((f) => path.join(dir, f));
}

if (process.argv[1]?.endsWith('make-bad-inputs.ts')) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx scripts/make-bad-inputs.ts <folder>');
    process.exit(2);
  }
  for (const f of writeLargeBadInputs(dir)) console.log(f);
}
