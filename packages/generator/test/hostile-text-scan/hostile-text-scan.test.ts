/**
 * Text from a document is data, never code (a second, token-level check beside `hostile-text`): whatever a title, summary, description, name or enum
 * value holds (a comment terminator, a template-literal hole, a line separator, HTML), the generated
 * files keep it inside comments and string literals. The fixture's every string tries to run
 * `pwned`; the check reads each generated file with TypeScript's own scanner and fails if `pwned`
 * is ever a token of code.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { reportTables, vendorReport } from "../../src/index.ts";
import { CONSUMER_PRELUDE, generateFixture, typecheck } from "../helpers.ts";

const generated = await generateFixture("hostile-text-scan", "hostile");
const typescriptFiles = generated.files.filter((file) => file.name.endsWith(".ts"));

/** Every identifier-like token outside comments and string or template text. */
function codeIdentifiers(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const found: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Identifier) found.push(scanner.getTokenText());
    // A template's `${` hole would be code; the generator never writes template literals from spec text.
    if (token === ts.SyntaxKind.TemplateHead) found.push("${");
  }
  return found;
}

describe("spec text with code in it", () => {
  it("is in the fixture: every generated file sees the payload", () => {
    expect(typescriptFiles.map((file) => file.name).sort()).toEqual(
      expect.arrayContaining(["openapi.ts", "options.ts", "resources.ts", "spec.ts", "testing-spec.ts"]),
    );
    for (const file of typescriptFiles.filter((f) => f.name !== "testing-spec.ts")) {
      expect(file.contents, file.name).toContain("pwned");
    }
  });

  it.each(typescriptFiles.map((file) => [file.name, file.contents]))(
    "stays inside comments and strings in %s",
    (_name, contents) => {
      const identifiers = codeIdentifiers(contents);
      expect(identifiers).not.toContain("pwned");
      expect(identifiers).not.toContain("${");
      expect(contents).not.toMatch(/[\u2028\u2029]/);
      expect(contents).not.toContain("</script");
    },
  );

  it("keeps the text itself, escaped rather than dropped", () => {
    const spec = generated.file("spec.ts");
    expect(spec).toContain("Hostile *\\/ globalThis.pwned");
    expect(generated.file("resources.ts")).toContain("Revoke *\\/ pwned('summary')");
  });

  it("type-checks, and the payload's values are the types' values", async () => {
    const consumer = `${CONSUMER_PRELUDE}
declare const client: InstanceType<typeof Client>;
export const flavour = new Client({ flavour: "d</script>" });
`;
    await typecheck({ hostile: { generated, consumer } });
  }, 60_000);
});

describe("spec text in the README's API reference", () => {
  const markdown = reportTables(vendorReport(generated.facts));

  it("keeps every table row to its columns and lets no HTML through", () => {
    expect(markdown).toContain("pwned");
    // Inside a code span `<` is text; outside one it would be markup.
    const outsideCode = markdown.replace(/<code>[^<]*<\/code>/g, "").replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, "");
    expect(outsideCode).not.toContain("<");
    expect(markdown).not.toMatch(/[\u2028\u2029]/);
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    const tables = markdown.split(/\n(?!\|)/).map((block) => block.split("\n").filter((line) => line.startsWith("|")));
    for (const rows of tables.filter((t) => t.length > 0)) {
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0] ?? ""));
    }
  });
});
