import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "./markdown";

/** Where the rendered article lives: relative URLs resolve against it, as in a browser. */
const PAGE = "https://paywall.test/articles/why-402";
const SAFE_PROTOCOLS = ["https:", "http:", "mailto:"];

/** Tags and attributes markdown itself produces; anything else came from the writer's HTML. */
const TAGS = new Set(["p", "a", "img", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br", "s"]);
const TABLE_TAGS = ["table", "thead", "tbody", "tr", "th", "td"];
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
for (const tag of [...TABLE_TAGS, ...HEADINGS]) TAGS.add(tag);
const ATTRIBUTES = new Set(["href", "src", "alt", "title", "rel", "class", "style", "start", "tabindex"]);

/** An attribute value as the browser reads it (markdown-it only writes these entities, but a browser decodes any). */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** Every tag of the output with its attributes (markdown-it always writes name="value"). */
function tagsOf(html: string) {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map(([, name = "", rest = ""]) => ({
    name: name.toLowerCase(),
    attributes: [...rest.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, attribute = "", value = ""]) => ({
      name: attribute.toLowerCase(),
      value: decodeAttribute(value),
    })),
  }));
}

/** The scheme a browser would follow for a URL in the page (the WHATWG URL parser, as browsers use). */
function protocolOf(url: string): string {
  return new URL(url, PAGE).protocol;
}

/** Nothing that can run: only markdown's own tags and attributes, and only http(s)/mailto URLs. */
function expectInert(html: string) {
  for (const tag of tagsOf(html)) {
    expect(TAGS, `<${tag.name}> in ${html}`).toContain(tag.name);
    for (const attribute of tag.attributes) {
      expect(ATTRIBUTES, `${attribute.name}= in ${html}`).toContain(attribute.name);
      if (attribute.name === "href" || attribute.name === "src") {
        if (attribute.value !== "") expect(SAFE_PROTOCOLS, `${attribute.value} in ${html}`).toContain(protocolOf(attribute.value));
      }
    }
  }
}

const hrefs = (html: string) => tagsOf(html).flatMap((tag) => tag.attributes.filter((a) => a.name === "href").map((a) => a.value));

describe("renderMarkdown: raw HTML is text, never markup", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["a script tag inside a paragraph", "Hello <script>alert(1)</script> world"],
    ["an image with onerror", "<img src=x onerror=alert(1)>"],
    ["an inline event handler", "Some <b onclick=\"alert(1)\">bold</b> text and <span onmouseover='alert(1)'>more</span>"],
    ["an HTML block", '<div onclick="alert(1)">\n\n*still markdown*\n\n</div>'],
    ["an iframe", '<iframe src="javascript:alert(1)"></iframe>'],
    ["an svg with onload", "<svg onload=alert(1)>"],
    ["a style block", "<style>body { display: none }</style>"],
    ["an HTML link", '<a href="javascript:alert(1)">click</a>'],
    ["a comment hiding a tag", "<!-- x --><script>alert(1)</script>"],
    ["a form", '<form action="https://evil.example"><input name="card"></form>'],
    ["an object", '<object data="data:text/html,<script>alert(1)</script>"></object>'],
    ["markup split across markdown", "**<scr**ipt>alert(1)</script>"],
  ])("%s", (_case, source) => {
    const html = renderMarkdown(source);
    expectInert(html);
    expect(html).not.toMatch(/<(script|iframe|svg|style|div|span|b|form|input|object)\b/i);
  });

  it("shows the writer's HTML as text", () => {
    expect(renderMarkdown("Use <b>bold</b> & <i>more</i>")).toBe("<p>Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;</p>\n");
    expect(renderMarkdown("<img src=x onerror=alert(1)>")).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
  });
});

describe("renderMarkdown: links and images only go to http(s), mailto or this site", () => {
  const schemes = ["javascript", "JAVASCRIPT", "JaVaScRiPt", "vbscript", "VBScript", "data", "DATA", "file"];
  const payload = (scheme: string) => (/data/i.test(scheme) ? `${scheme}:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==` : `${scheme}:alert(1)`);

  it.each(schemes)("refuses %s: in links, images, autolinks and references", (scheme) => {
    const url = payload(scheme);
    for (const source of [
      `[click](${url})`,
      `[click](<${url}>)`,
      `[click](${url} "title")`,
      `![img](${url})`,
      `<${url}>`,
      `[click][ref]\n\n[ref]: ${url}`,
      `[click][ref]\n\n[ref]: <${url}>`,
      `![img][ref]\n\n[ref]: ${url}`,
      `[ref]\n\n[ref]: ${url}`,
    ]) {
      const html = renderMarkdown(source);
      expectInert(html);
      expect(html, source).not.toMatch(/\s(href|src)="[^"]*:/i);
    }
  });

  it.each([
    ["an entity tab", "jav&#x09;ascript:alert(1)"],
    ["a decimal entity tab", "jav&#9;ascript:alert(1)"],
    ["an entity newline", "java&NewLine;script:alert(1)"],
    ["an entity letter", "&#106;avascript:alert(1)"],
    ["a hex entity letter", "&#x6A;avascript:alert(1)"],
    ["an entity colon", "javascript&colon;alert(1)"],
    ["a numeric entity colon", "javascript&#58;alert(1)"],
    ["a raw tab", "<java\tscript:alert(1)>"],
    ["a NUL", "java\u0000script:alert(1)"],
    ["a leading control character", "\u0001javascript:alert(1)"],
    ["a leading space", "<  javascript:alert(1)>"],
    ["a percent-encoded letter", "javas%63ript:alert(1)"],
    ["an escaped newline", "java\\\nscript:alert(1)"],
    ["a data: image", "data:image/png;base64,iVBORw0KGgo="],
    ["an svg data: image", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"],
  ])("refuses a javascript:/data: URL hidden by %s", (_case, url) => {
    for (const source of [`[click](${url})`, `![img](${url})`, `[click][ref]\n\n[ref]: ${url}`]) expectInert(renderMarkdown(source));
  });

  it("does not turn javascript: or data: text into links", () => {
    const html = renderMarkdown("javascript:alert(1) data:text/html,x vbscript:x https://ok.example");
    expectInert(html);
    expect(hrefs(html)).toEqual(["https://ok.example"]);
  });

  it("escapes quotes in titles and URLs instead of closing the attribute", () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="alert(1) "t\\" onclick=\\"alert(1)")');
    expectInert(html);
    expect(tagsOf(html).find((tag) => tag.name === "a")?.attributes.map((a) => a.name)).toEqual(["href", "title", "rel"]);
  });
});

describe("renderMarkdown: what writers use still works", () => {
  it("renders headings, emphasis, lists, quotes, code and rules", () => {
    const html = renderMarkdown(
      "# Title\n\n## Part\n\n*em* **strong** ~~gone~~ `code`\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n```ts\nconst a = 1 < 2;\n```\n\n---",
    );
    expectInert(html);
    for (const fragment of [
      "<h1>Title</h1>",
      "<h2>Part</h2>",
      "<em>em</em>",
      "<strong>strong</strong>",
      "<s>gone</s>",
      "<code>code</code>",
      "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
      '<ol start="3">',
      "<blockquote>\n<p>quoted</p>\n</blockquote>",
      '<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>',
      "<hr>",
    ]) {
      expect(html).toContain(fragment);
    }
  });

  it("renders tables, alignment included, focusable to scroll by keyboard", () => {
    const html = renderMarkdown("| Plan | Price |\n| --- | ---: |\n| Article | 0.05 |");
    expectInert(html);
    expect(html).toContain('<table tabindex="0">');
    expect(html).toContain('<td style="text-align:right">0.05</td>');
  });

  it("keeps https, http, protocol-relative, relative, fragment and mailto links", () => {
    const html = renderMarkdown(
      "[a](https://x.example/p?q=1&r=2) [b](http://x.example) [c](//x.example) [d](/articles/other) [e](other) [f](#notes) [g](mailto:ed@x.example) <https://auto.example> https://linkified.example",
    );
    expectInert(html);
    expect(hrefs(html)).toEqual([
      "https://x.example/p?q=1&r=2",
      "http://x.example",
      "//x.example",
      "/articles/other",
      "other",
      "#notes",
      "mailto:ed@x.example",
      "https://auto.example",
      "https://linkified.example",
    ]);
  });

  it("marks links that leave the site nofollow noopener noreferrer, and only those", () => {
    const anchors = (source: string) => tagsOf(renderMarkdown(source)).filter((tag) => tag.name === "a");
    const rel = (source: string) => anchors(source)[0]?.attributes.find((a) => a.name === "rel")?.value;
    for (const source of ["[x](https://x.example)", "[x](HTTP://x.example)", "[x](//x.example)", "[x](http:x.example)", "https://x.example", "<https://x.example>"]) {
      expect(rel(source), source).toBe("nofollow noopener noreferrer");
    }
    for (const source of ["[x](/articles/a)", "[x](a)", "[x](#a)", "[x](mailto:a@x.example)"]) {
      expect(rel(source), source).toBeUndefined();
    }
  });

  it("renders http(s) and site images", () => {
    const html = renderMarkdown("![Cover](https://cdn.example/a.png) ![Logo](/logo.svg)");
    expectInert(html);
    expect(html).toContain('<img src="https://cdn.example/a.png" alt="Cover">');
    expect(html).toContain('<img src="/logo.svg" alt="Logo">');
  });
});

describe("markdownToPlainText", () => {
  it("keeps sentences whole around inline markup and separates blocks", () => {
    expect(markdownToPlainText("The free *teaser*, with [a link](https://x.example).\n\n- one\n- two")).toBe(
      "The free teaser, with a link. one two",
    );
  });

  it("drops the markup and keeps the words, raw HTML as text", () => {
    expect(markdownToPlainText("# Hi\n\n**Bold** & <b>raw</b> [link](https://x.example)")).toBe("Hi Bold & <b>raw</b> link");
  });

  it("cuts long text with an ellipsis", () => {
    expect(markdownToPlainText("word ".repeat(100), 20)).toBe("word word word word…");
  });
});
