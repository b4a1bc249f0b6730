/**
 * Everything an analyst might drop into the bucket by mistake. Each file of the corpus ends in a
 * known state: processed, or an ArticleRejected with a precise reason that the API lists under
 * /articles?status=rejected. None may crash a handler or vanish without a trace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { writeLargeBadInputs } from '../../scripts/make-bad-inputs';
import { clientsFor, eventually } from '../support/clients';

const stack = inject('stack');
const api = clientsFor(stack);
const fixtures = path.resolve(import.meta.dirname, '../fixtures/bad-input');

/** The state each file must end in: a rejection reason, or 'extracted'. */
const EXPECTED: Record<string, string> = {
  'empty.txt': 'empty',
  'whitespace-only.txt': 'empty',
  'zero-bytes.json': 'empty',
  'report.pdf': 'binary',
  'photo.png': 'binary',
  'random.bin': 'binary',
  'latin1-not-utf8.txt': 'invalid_utf8',
  'wrong-types.json': 'malformed_envelope',
  'french.txt': 'not_english',
  'spanish.txt': 'not_english',
  'oversized.txt': 'too_large',
  'nul-after-8k.txt': 'binary',
  'rtf-as-text.txt': 'unsupported_format',
  'deep-nesting.html': 'too_complex',
  'multiplied-flows.txt': 'too_complex',
  'figures.txt': 'extracted',
  'space-runs.txt': 'extracted',
  'utf16-with-bom.txt': 'extracted',
  'script-payloads.html': 'extracted',
  'one-long-line.txt': 'extracted',
  'name with spaces.txt': 'extracted',
  'ünïcödé-名前.txt': 'extracted',
};

interface ArticleView {
  id: string;
  fileName: string;
  status: 'extracted' | 'rejected';
  rejection: { reason: string; detail: string } | null;
}

let articles: ArticleView[] = [];

beforeAll(async () => {
  const large = writeLargeBadInputs(path.join(os.tmpdir(), `aid-ledger-bad-${process.pid}`));
  const files = [...readdirSync(fixtures).map((f) => path.join(fixtures, f)), ...large];
  for (const file of files) await api.upload(path.basename(file), readFileSync(file));
  articles = await eventually(
    async () => {
      const listed = await api.getAll<ArticleView>('/articles');
      return Object.keys(EXPECTED).every((name) => listed.some((a) => a.fileName === name))
        ? listed
        : undefined;
    },
    60_000,
    'every corpus file to be listed',
  );
}, 120_000);

describe('the bad-input corpus', () => {
  it.each(Object.entries(EXPECTED))('%s ends as %s', (name, state) => {
    const article = articles.find((a) => a.fileName === name);
    expect(article, `${name} is listed`).toBeDefined();
    if (state === 'extracted') expect(article!.status).toBe('extracted');
    else {
      expect(article!.status).toBe('rejected');
      expect(article!.rejection?.reason).toBe(state);
      expect(article!.rejection?.detail.length).toBeGreaterThan(10);
    }
  });

  it('lists the rejections under /articles?status=rejected, with their reasons', async () => {
    const rejected = await api.getAll<ArticleView>('/articles?status=rejected');
    const expected = Object.entries(EXPECTED)
      .filter(([, s]) => s !== 'extracted')
      .map(([name]) => name);
    expect(rejected.every((a) => a.status === 'rejected')).toBe(true);
    for (const name of expected) expect(rejected.map((a) => a.fileName)).toContain(name);
  });

  it('keeps no script from an HTML article in its text', async () => {
    const article = articles.find((a) => a.fileName === 'script-payloads.html')!;
    const { body } = await api.get<{ text?: string }>(`/articles/${article.id}`);
    expect(JSON.stringify(body)).not.toMatch(/alert\('owned'\)|onerror/);
  });
});
