/**
 * Frontmatter: a block of `key: value` lines between two `---` lines at the top of a file, then
 * the content. Deliberately not YAML: every value is a string, taken as written (no types, no
 * nesting, no multi-line values, no escapes), so a file means the same thing to every reader.
 *
 *   ---
 *   # comment lines and blank lines are allowed
 *   title: Why HTTP 402?
 *   author: "  quoted: keeps spaces, colons and # as written  "
 *   ---
 *   Markdown content…
 *
 * Keys are `[a-z][a-zA-Z0-9_]*`, each at most once. A value may be wrapped in matching single or
 * double quotes, which are removed; inside, everything is literal. `#` starts a comment only at the
 * beginning of a line. CRLF line endings and a UTF-8 byte order mark are accepted.
 */

export interface FrontmatterError {
  /** 1-based line number in the file. */
  line: number;
  /** The key the problem is about, when the line had one. */
  key?: string;
  message: string;
}

export type ParsedFrontmatter =
  | {
      ok: true;
      /** Keys in file order. A Map, so keys like `constructor` cannot meet Object's prototype. */
      fields: Map<string, string>;
      /** Everything after the closing `---`, with `\n` line endings. */
      content: string;
    }
  | { ok: false; errors: FrontmatterError[] };

const FENCE = /^---[ \t]*$/;
const KEY_VALUE = /^([^:\s]+)[ \t]*:(.*)$/;
const KEY = /^[a-z][a-zA-Z0-9_]*$/;

export function parseFrontmatter(text: string): ParsedFrontmatter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  if (!FENCE.test(lines[0] ?? "")) {
    return { ok: false, errors: [{ line: 1, message: "start the file with a --- line, then the frontmatter, then another --- line" }] };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    return { ok: false, errors: [{ line: 1, message: "the frontmatter has no closing --- line" }] };
  }

  const fields = new Map<string, string>();
  const firstLine = new Map<string, number>();
  const errors: FrontmatterError[] = [];
  for (let index = 1; index < close; index += 1) {
    const line = index + 1;
    const source = lines[index]!;
    const trimmed = source.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;

    const match = KEY_VALUE.exec(source);
    if (!match) {
      errors.push({ line, message: `expected "key: value", got ${JSON.stringify(source)}` });
      continue;
    }
    const [, key = "", raw = ""] = match;
    if (!KEY.test(key)) {
      errors.push({ line, message: `${JSON.stringify(key)} is not a key (start with a lower-case letter; then letters, digits or _)` });
      continue;
    }
    const value = unquote(raw.trim());
    if (value === undefined) {
      errors.push({ line, key, message: "a quoted value must end with its closing quote" });
    } else if (firstLine.has(key)) {
      errors.push({ line, key, message: `set again (first set on line ${firstLine.get(key)})` });
    } else {
      fields.set(key, value);
      firstLine.set(key, line);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, fields, content: lines.slice(close + 1).join("\n") };
}

/** `"a b"` and `'a b'` → `a b`; unquoted values as they are; `undefined` for an unclosed quote. */
function unquote(value: string): string | undefined {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return value;
  return value.length >= 2 && value.endsWith(quote) ? value.slice(1, -1) : undefined;
}
