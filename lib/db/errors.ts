/** PostgreSQL's error code on `error` or on what it wraps, from either driver. */
function postgresErrorCode(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A duplicate key (unique_violation). */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === "23505";
}

/** A table or schema that does not exist (undefined_table, invalid_schema_name). */
export function isMissingRelation(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === "42P01" || code === "3F000";
}
