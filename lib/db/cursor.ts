/**
 * Keyset cursors: a position in a list ordered by (created_at, id), as an opaque URL-safe string.
 * Timestamps are stored with millisecond precision, so a JS Date points at a row exactly.
 */
export interface Cursor {
  createdAt: Date;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString("base64url");
}

/** The cursor, or `undefined` when `value` is not one we issued (tampered, truncated, garbage). */
export function decodeCursor(value: string | undefined | null): Cursor | undefined {
  if (!value || value.length > 100) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,15})$/.exec(Buffer.from(value, "base64url").toString());
  if (!match) return undefined;
  const createdAt = new Date(match[1]!);
  const id = Number(match[2]);
  return Number.isNaN(createdAt.getTime()) || !Number.isSafeInteger(id) ? undefined : { createdAt, id };
}
