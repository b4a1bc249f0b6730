/** Bytes to text, or the reason the bytes cannot be an article. */
import type { RejectionCode } from './types';

const MAX_BYTES = 2 * 1024 * 1024;

export type Decoded =
  { ok: true; text: string } | { ok: false; reason: RejectionCode; detail: string };

const MAGIC: [string, number[]][] = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or DOCX/XLSX)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['an old Word/Excel document', [0xd0, 0xcf, 0x11, 0xe0]],
];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Offset of the first byte that breaks UTF-8, for a detail a person can act on. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const len =
      c < 0x80
        ? 1
        : c >= 0xc2 && c < 0xe0
          ? 2
          : c >= 0xe0 && c < 0xf0
            ? 3
            : c >= 0xf0 && c < 0xf5
              ? 4
              : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** UTF-16 in either byte order, after its byte-order mark; a trailing odd byte is dropped. */
function decodeUtf16(bytes: Uint8Array): Decoded {
  const le = bytes[0] === 0xff;
  const body = bytes.subarray(2, bytes.length - (bytes.length % 2));
  const swapped = le ? body : body.map((_, i) => body[i % 2 === 0 ? i + 1 : i - 1]!);
  return { ok: true, text: new TextDecoder('utf-16le').decode(swapped) };
}

const NUL_DETAIL = (at: number) =>
  `file contains a NUL byte (at byte ${at}), so it is binary data rather than text; upload the article as text`;

/**
 * Why the bytes are binary data rather than text, from a file signature or control bytes. The
 * whole file is read, not a sample: a NUL or a binary tail after the first kilobytes would
 * otherwise reach the stored text and every export of it.
 */
function binaryReason(bytes: Uint8Array): Decoded | null {
  for (const [what, sig] of MAGIC) {
    if (startsWith(bytes, sig))
      return {
        ok: false,
        reason: 'binary',
        detail: `file looks like ${what}, not text; upload the article as .txt, .md, .html or .json`,
      };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', detail: NUL_DETAIL(nul) };
  let control = 0;
  for (const c of bytes) if (c < 0x09 || (c > 0x0d && c < 0x20)) control++;
  if (control / bytes.length > 0.05) {
    return {
      ok: false,
      reason: 'binary',
      detail: `${control} of its ${bytes.length} bytes are control characters; this is not a text file`,
    };
  }
  return null;
}

/** A word-processor document saved under a text name is markup, not the article's words. */
function documentReason(text: string): Decoded | null {
  if (!/^\s*\{\\rtf/.test(text.slice(0, 64))) return null;
  return {
    ok: false,
    reason: 'unsupported_format',
    detail:
      'file is an RTF document (a word processor’s format), not plain text; save it as plain text (.txt) or HTML and upload that',
  };
}

/** Decoded text still holding NUL (UTF-16 decodes it) is not text either. */
const checkedText = (decoded: Decoded): Decoded => {
  if (!decoded.ok) return decoded;
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) return { ok: false, reason: 'binary', detail: NUL_DETAIL(nul) };
  return documentReason(decoded.text) ?? decoded;
};

function decodeUtf8(bytes: Uint8Array): Decoded {
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)),
    };
  } catch {
    const at = firstInvalidUtf8(bytes.subarray(start)) + start;
    return {
      ok: false,
      reason: 'invalid_utf8',
      detail: `byte ${at} (0x${(bytes[at] ?? 0).toString(16)}) is not valid UTF-8; the file is probably Latin-1 or Windows-1252 — re-save it as UTF-8`,
    };
  }
}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_BYTES) {
    return {
      ok: false,
      reason: 'too_large',
      detail: `file is ${mb(bytes.length)}; the limit is 2 MB — split the article or upload its text only`,
    };
  }
  // A byte-order mark settles the encoding before any sniffing: UTF-16 text is full of NUL bytes.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    return checkedText(decodeUtf16(bytes));
  return binaryReason(bytes) ?? checkedText(decodeUtf8(bytes));
}
