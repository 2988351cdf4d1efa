/**
 * The docs' code must be true of the code: every TypeScript block in README.md and docs/**.md
 * type-checks against the project, every `npm run <script>` names a script in package.json, and
 * every repository path or relative link the docs name exists.
 *
 * Blocks fenced ```ts, ```tsx or ```typescript are written to `.doc-blocks/` in the project (so
 * `@/…` aliases and node_modules resolve, and the project's tsconfig applies) and compiled as one
 * program. Each block is a module of its own. A block may declare at its top what it needs and
 * does not show (`declare const x: T;`, `declare function f(): T;`): prefer that to skipping.
 *
 * Skipping: a block that is deliberately partial and cannot be made complete starts with the line
 * `// partial: <why>` (the reason is required). It is then not compiled; keep such blocks rare.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT_DIR = path.join(ROOT, ".doc-blocks", String(process.pid));
const TS_LANGS = new Set(["ts", "tsx", "typescript"]);
const PARTIAL = /^\s*\/\/\s*partial:\s*(\S.*)?$/;

interface Block {
  file: string; // relative to ROOT
  lang: string;
  /** 1-based line of the first line inside the fence. */
  firstLine: number;
  lines: string[];
}

interface Problem {
  file: string;
  line: number;
  message: string;
}

const markdownFiles = (): string[] => [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join("docs", name))
    .sort(),
];

/** Fenced code blocks, read as CommonMark does (a closing fence has nothing after it), and fence mistakes. */
function parseFences(file: string, text: string): { blocks: Block[]; problems: Problem[] } {
  const blocks: Block[] = [];
  const problems: Problem[] = [];
  const lines = text.split("\n");
  let open: { fence: string; indent: number; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    const lineNo = index + 1;
    const fence = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
    if (!open) {
      if (fence && !(fence[2]!.startsWith("`") && fence[3]!.includes("`"))) {
        open = { fence: fence[2]!, indent: fence[1]!.length, lang: fence[3]!.trim().split(/\s+/)[0]!.toLowerCase(), line: lineNo, body: [] };
      }
      return;
    }
    if (fence && fence[2]!.startsWith(open.fence[0]!) && fence[2]!.length >= open.fence.length) {
      if (fence[3]!.trim() === "") {
        blocks.push({ file, lang: open.lang, firstLine: open.line + 1, lines: open.body });
        open = undefined;
        return;
      }
      problems.push({
        file,
        line: lineNo,
        message: `text after a fence ("${line.trim().slice(0, 40)}"): it does not close the block opened on line ${open.line}; put the text on its own line`,
      });
    }
    // Content lines lose up to the opening fence's indentation (fences inside list items).
    open.body.push(line.replace(new RegExp(`^ {0,${open.indent}}`), ""));
  });
  if (open) problems.push({ file, line: open.line, message: "code fence never closed" });
  return { blocks, problems };
}

const where = (problem: Problem) => `${problem.file}:${problem.line}: ${problem.message}`;

const docs = markdownFiles().map((file) => {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return { file, text, ...parseFences(file, text) };
});

afterAll(() => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  try {
    rmdirSync(path.dirname(OUT_DIR)); // only if no other run is using it
  } catch {
    // not empty, or already gone
  }
});

describe("the docs' code blocks", () => {
  it("are fenced properly", () => {
    expect(docs.flatMap((doc) => doc.problems).map(where)).toEqual([]);
  });

  it("in TypeScript type-check against the project", { timeout: 60_000 }, () => {
    const blocks = docs.flatMap((doc) => doc.blocks).filter((block) => TS_LANGS.has(block.lang));
    expect(blocks.length).toBeGreaterThan(0);

    const problems: Problem[] = [];
    const compiled = new Map<string, Block>();
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
    for (const block of blocks) {
      const partial = PARTIAL.exec(block.lines[0] ?? "");
      if (partial) {
        if (!partial[1]) problems.push({ file: block.file, line: block.firstLine, message: "`// partial:` needs a reason" });
        continue;
      }
      const name = `${block.file.replace(/[^\w]+/g, "_")}_L${block.firstLine}.${block.lang === "tsx" ? "tsx" : "ts"}`;
      const fileName = path.join(OUT_DIR, name);
      // A trailing empty export makes every block a module, so top-level names never clash.
      writeFileSync(fileName, `${block.lines.join("\n")}\nexport {};\n`);
      compiled.set(path.normalize(fileName), block);
    }

    const configFile = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
    const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const options: ts.CompilerOptions = { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined, plugins: [] };
    const roots = [...compiled.keys()];
    const nextEnv = path.join(ROOT, "next-env.d.ts");
    if (existsSync(nextEnv)) roots.push(nextEnv);
    const program = ts.createProgram({ rootNames: roots, options });

    const report = (diagnostic: ts.Diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      const block = diagnostic.file && compiled.get(path.normalize(diagnostic.file.fileName));
      if (!diagnostic.file || !block) {
        problems.push({ file: "tsconfig.json", line: 0, message: `TS${diagnostic.code}: ${message}` });
        return;
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      problems.push({ file: block.file, line: block.firstLine + line, message: `TS${diagnostic.code}: ${message}` });
    };
    program.getOptionsDiagnostics().forEach(report);
    program.getGlobalDiagnostics().forEach(report);
    for (const fileName of compiled.keys()) {
      const source = program.getSourceFile(fileName);
      if (!source) throw new Error(`${fileName} is not in the program`);
      [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].forEach(report);
    }
    expect(problems.map(where)).toEqual([]);
  });

  it("run npm scripts that exist", () => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
    const problems: Problem[] = [];
    for (const doc of docs) {
      doc.text.split("\n").forEach((line, index) => {
        for (const match of line.matchAll(/\bnpm (?:run(?:\s+-s)?\s+([\w:.-]+)|(test|start)\b)/g)) {
          const script = match[1] ?? match[2]!;
          if (!scripts.includes(script)) problems.push({ file: doc.file, line: index + 1, message: `no npm script "${script}" in package.json` });
        }
      });
    }
    expect(problems.map(where)).toEqual([]);
  });

  it("name files and link to pages that exist", () => {
    const problems: Problem[] = [];
    const codeBlockLines = (doc: (typeof docs)[number]) =>
      new Set(doc.blocks.flatMap((block) => block.lines.map((_, i) => block.firstLine + i)));
    for (const doc of docs) {
      const inBlock = codeBlockLines(doc);
      doc.text.split("\n").forEach((line, index) => {
        if (inBlock.has(index + 1)) return;
        // Repository paths in inline code: `lib/x402/next.ts`, `components/paywall/` (globs and placeholders aside).
        for (const [, span] of line.matchAll(/`([^`\s]+)`/g)) {
          if (!/^(?:lib|app|components|scripts|tests|e2e|contracts|drizzle|content|public|docs)\//.test(span!)) continue;
          if (/[*<>…]/.test(span!)) continue;
          if (!existsSync(path.join(ROOT, span!))) problems.push({ file: doc.file, line: index + 1, message: `\`${span}\` does not exist` });
        }
        // Relative links: [text](deploy.md#anchor).
        for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^(?:[a-z]+:|#)/i.test(target!)) continue;
          const file = target!.split("#")[0]!;
          if (!existsSync(path.join(ROOT, path.dirname(doc.file), file))) {
            problems.push({ file: doc.file, line: index + 1, message: `link to ${target} does not resolve` });
          }
        }
      });
    }
    expect(problems.map(where)).toEqual([]);
  });
});
