import { LedgerError } from '../domain/errors';

/** Opaque page cursors: the store's last key, base64url-encoded, never interpreted by clients. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export function decodeCursor(
  cursor: string | null | undefined,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through: a cursor that does not decode is reported like any other bad one
  }
  throw new InvalidCursorError();
}

class InvalidCursorError extends LedgerError {
  readonly code = 'invalid_cursor';
  constructor() {
    super('the cursor is not one this API issued');
  }
}
