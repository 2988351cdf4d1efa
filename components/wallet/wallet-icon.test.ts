import { describe, expect, it } from "vitest";
import { safeWalletIcon } from "./wallet-icon";

describe("safeWalletIcon", () => {
  it("keeps data: image URIs, base64 or not", () => {
    const svg = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/>";
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(safeWalletIcon(svg)).toBe(svg);
    expect(safeWalletIcon(png)).toBe(png);
    expect(safeWalletIcon("data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E")).toBe("data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E");
    expect(safeWalletIcon("DATA:IMAGE/WEBP;base64,UklGRg==")).toBe("DATA:IMAGE/WEBP;base64,UklGRg==");
  });

  it("drops every other URL: no request leaves the page, nothing runs", () => {
    for (const icon of [
      "https://wallet.example/icon.png",
      "http://127.0.0.1/track.gif",
      "//wallet.example/icon.png",
      "javascript:alert(1)",
      "blob:https://wallet.example/0b1c",
      "data:text/html,<script>alert(1)</script>",
      "data:image/,nothing",
      "data:image/svg+xml",
      " data:image/png;base64,iVBORw0KGgo=",
      "icon.png",
      "",
      undefined,
    ]) {
      expect(safeWalletIcon(icon), String(icon)).toBeUndefined();
    }
  });
});
