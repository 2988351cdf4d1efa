/** Keys that reach an object's prototype when code copies or walks parsed JSON (JSON.parse makes them own keys). */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Whether any object in decoded JSON, at any depth, has such a key. */
export function hasPrototypeKey(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  return Object.keys(value).some((key) => PROTOTYPE_KEYS.has(key) || hasPrototypeKey((value as Record<string, unknown>)[key]));
}
