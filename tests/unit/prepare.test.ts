/**
 * The prepare stage against hostile uploads (issue 14): whatever arrives ends, quickly, as an
 * article with text an analyst can trust, or as a rejection that says why — binary data hidden
 * after the first kilobytes, word-processor files under a text name, metadata that does not parse.
 */
import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../src/domain/extractor';
import type {
  ArticleInput,
  PreparedArticle,
  RejectedArticle,
  UploadMetadata,
} from '../../src/domain/extractor/types';

const bytes = (s: string) => new TextEncoder().encode(s);

const NEWS =
  'Health officials said the outbreak has spread to three provinces. The government has asked donors for help, and aid agencies have started to respond with supplies for clinics.\n\n';

const prepare = (
  content: string | Uint8Array,
  over: Partial<ArticleInput> & { metadata?: UploadMetadata } = {},
): PreparedArticle | RejectedArticle =>
  prepareArticle({
    fileName: 'article.txt',
    bytes: typeof content === 'string' ? bytes(content) : content,
    ...over,
  });

function rejected(outcome: PreparedArticle | RejectedArticle): RejectedArticle {
  if (outcome.kind !== 'rejected') throw new Error('expected a rejection');
  return outcome;
}

describe('binary data and documents under a text name (item 9)', () => {
  it('given a NUL byte 12 KB into an English text, then the file is rejected as binary, naming where', () => {
    const text = NEWS.repeat(100);
    const body = new Uint8Array([...bytes(text.slice(0, 12_000)), 0, ...bytes(text.slice(12_000))]);
    const outcome = rejected(prepare(body));
    expect(outcome.reason).toBe('binary');
    expect(outcome.detail).toContain('byte 12000');
  });

  it('given a text with a tail of control bytes after its first 8 KB, then it is rejected as binary', () => {
    const tail = new Uint8Array(2000).map((_, i) => 1 + (i % 7));
    const outcome = rejected(prepare(new Uint8Array([...bytes(NEWS.repeat(50)), ...tail])));
    expect(outcome.reason).toBe('binary');
  });

  it('given UTF-16 text holding a NUL character, then it is rejected as binary', () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Buffer.from(`${NEWS}\u0000x`, 'utf16le')),
    ]);
    expect(rejected(prepare(utf16)).reason).toBe('binary');
  });

  it('given an RTF document saved as .txt, then it is rejected as a format we do not read, saying what to do', () => {
    const rtf = `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0\\fs24 ${NEWS}\\par }`;
    const outcome = rejected(prepare(rtf));
    expect(outcome.reason).toBe('unsupported_format');
    expect(outcome.detail).toMatch(/RTF.*plain text/);
  });

  it('given a long text with a few stray control characters, then it is prepared and they are not in its text', () => {
    const outcome = prepare(`${NEWS.repeat(20)}\u0007\u001b[31m${NEWS}\u0085\f\t${NEWS}`);
    if (outcome.kind !== 'prepared') throw new Error(outcome.detail);
    expect(outcome.text).not.toMatch(/[^\P{Cc}\n]/u);
    expect(outcome.text).toContain('[31m');
  });
});
