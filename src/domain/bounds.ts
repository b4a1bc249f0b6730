/**
 * How large a stored string may be. Every key and every view item is stored in DynamoDB, whose
 * limits are in UTF-8 bytes (a partition key 2,048, a sort key and any key-condition value 1,024,
 * an item 400 KB), so bounds are measured the way DynamoDB measures them.
 */

const encoder = new TextEncoder();

export const utf8Length = (s: string): number => encoder.encode(s).length;

/** The longest prefix of `s` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function utf8Prefix(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes || utf8Length(s) <= maxBytes) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return s.slice(0, end);
}
