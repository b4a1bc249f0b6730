/**
 * npm run bench:growth — how the extractor's work grows on inputs built to be slow.
 *
 * For each shape of bench/pathological.ts: CPU time to prepare an article and find its facts at
 * 10 KB (the mean of ten runs, after one to warm up), 100 KB and 1 MB, the growth from 10 KB to
 * 1 MB (linear work: about 100; quadratic: about 10,000) and how the largest ended (extracted, or
 * the reason it was rejected). --kb sets the sizes (default 10,100,1024).
 */
import { cli } from '../local/cli';
import { extractArticle } from '../src/domain/extractor';
import { SHAPES, type Shape } from './pathological';

const { kb } = cli(
  'npm run bench:growth --',
  'How extraction work grows on inputs built to be slow.',
)
  .option('--kb <sizes>', 'sizes in KB, smallest first, comma-separated', '10,100,1024')
  .parse()
  .opts<{ kb: string }>();
const sizes = kb.split(',').map(Number);

function extract(shape: Shape, text: string): string {
  const outcome = extractArticle({
    fileName: shape.fileName,
    bytes: new TextEncoder().encode(text),
  });
  return outcome.kind === 'rejected' ? outcome.reason : outcome.kind;
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

console.log(
  `${'shape'.padEnd(52)}${sizes.map((s) => `${s} KB`.padStart(11)).join('')}   growth  outcome`,
);
for (const shape of SHAPES) {
  const small = shape.make(sizes[0]! * 1024);
  extract(shape, small);
  const times = [cpuMs(() => [...Array(10)].forEach(() => extract(shape, small))) / 10];
  let outcome = '';
  for (const size of sizes.slice(1)) {
    const text = shape.make(size * 1024);
    times.push(cpuMs(() => (outcome = extract(shape, text))));
  }
  const cells = times.map((t) => `${t.toFixed(t < 10 ? 1 : 0)} ms`.padStart(11)).join('');
  const growth = `${(times.at(-1)! / Math.max(times[0]!, 0.1)).toFixed(0)}x`.padStart(8);
  console.log(`${shape.name.padEnd(52)}${cells}${growth}  ${outcome}`);
}
