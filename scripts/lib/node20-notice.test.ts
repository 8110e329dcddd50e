import { expect, it } from "vitest";
import { withoutNode20Notice } from "./node20-notice.ts";

const box = (...lines: string[]) =>
  ["    ╔════════╗", ...lines.map((line) => `    ║  ${line}  ║`), "    ╚════════╝"].join("\n");

it("drops the Node 20 notice box and the blank line after it, nothing else", () => {
  const notice = box("Deprecation warning: Node.js 20 support is ending", "", "Update Node.js: https://nodejs.org");
  const text = `\n${notice}\n\nvalidating specs/acme.yaml...\nspecs/acme.yaml: validated in 94ms\n`;
  expect(withoutNode20Notice(text)).toBe("\nvalidating specs/acme.yaml...\nspecs/acme.yaml: validated in 94ms\n");
});

it("keeps any other box, and an unclosed one", () => {
  const other = box("A new version of Redocly CLI is available.");
  expect(withoutNode20Notice(`${other}\nerror: bad spec`)).toBe(`${other}\nerror: bad spec`);
  const cut = "    ╔════╗\n    ║  Deprecation warning: Node.js 20 support is ending  ║";
  expect(withoutNode20Notice(cut)).toBe(cut);
});

it("keeps errors and warnings around the notice", () => {
  const notice = box("Deprecation warning: Node.js 20 support is ending");
  const text = `warning: first\n${notice}\nerror: second`;
  expect(withoutNode20Notice(text)).toBe("warning: first\nerror: second");
});
