import { createHash } from 'node:crypto';

export const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * The same article uploaded twice (other key, other line endings, stray whitespace) must be one
 * article, so identity is the hash of the text with Unicode and whitespace normalised.
 */
export function articleIdOf(normalisedText: string): string {
  const canonical = normalisedText.normalize('NFC').replace(/\s+/g, ' ').trim();
  return sha256(canonical).slice(0, 24);
}

/**
 * Rejected uploads have no text to normalise, and each one is a mistake someone must see: their
 * identity is the object key with its bytes, so a redelivery appends nothing while two empty files
 * under different names are two recorded rejections.
 */
export const rejectedIdOf = (key: string, bytes: Uint8Array): string =>
  `x${createHash('sha256').update(key).update('\0').update(bytes).digest('hex').slice(0, 23)}`;

export const streamIdOf = (articleId: string): string => `article-${articleId}`;

export const extractionIdOf = (articleId: string, seq: number): string => `${articleId}.x${seq}`;

export const eventIdOf = (streamId: string, version: number, index: number): string =>
  sha256(`${streamId}/${version}/${index}`).slice(0, 32);
