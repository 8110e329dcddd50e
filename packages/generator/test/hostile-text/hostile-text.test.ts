/**
 * A document is untrusted input. Its prose and names land in comments, string literals, type
 * literals and the README; none of them may end its comment, literal or table cell and become code.
 * The fixture puts `*\/`, U+2028/U+2029, backticks, `${`, `</script>`, a `//` after a CR LF and the
 * README's end marker in the title, version, descriptions, summary, tag, operationId, enum values
 * and server variables, each with a `console.log("INJECTED-…")` that must never run.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { README_END, README_START, vendorReport, withApiReference } from "../../src/index.ts";
import { CONSUMER_PRELUDE, generateFixture, typecheck } from "../helpers.ts";

const run = promisify(execFile);
const generated = await generateFixture("hostile-text", "hostile");
const fixture = JSON.parse(await readFile(fileURLToPath(new URL("specs/hostile.json", import.meta.url)), "utf8")) as {
  info: { title: string; version: string };
};

// Inside node_modules, so that `@sdkforge/core/testing` resolves for `testing-spec.js`.
const cache = fileURLToPath(new URL("../../node_modules/.cache/hostile-text", import.meta.url));

/**
 * Every generated file as JavaScript, laid out as in a package (`src/generated/`, the client beside
 * it, a manifest above) and imported by one Node process, the bin included (run as `--version`);
 * what it printed, and the title it read back.
 */
async function importGenerated(): Promise<{ output: string; title: unknown; version: unknown }> {
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, "run-"));
  const out = join(dir, "src", "generated");
  try {
    await mkdir(out, { recursive: true });
    await writeFile(
      join(dir, "package.json"),
      '{ "name": "@sdkforge/hostile", "version": "1.2.3", "type": "module", "private": true }\n',
    );
    await writeFile(join(dir, "src", "client.js"), `export class ${generated.facts.spec.name} {}\n`);
    for (const file of generated.files) {
      const js = ts.transpileModule(file.contents, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      await writeFile(join(out, file.name.replace(/\.ts$/, ".js")), js);
    }
    const main = `${generated.files.map((file) => `import * as m${file.name.replace(/\W/g, "_")} from "./src/generated/${file.name.replace(/\.ts$/, ".js")}";`).join("\n")}
const { title, version } = mtesting_spec_ts.testingSpec;
// Last, after the bin has printed its version.
process.once("exit", () => process.stdout.write("\\n" + JSON.stringify({ title, version })));
`;
    await writeFile(join(dir, "main.js"), main);
    const { stdout, stderr } = await run(process.execPath, [join(dir, "main.js"), "--version"]);
    expect(stdout).toContain("1.2.3");
    const last = stdout.lastIndexOf("\n");
    const result = JSON.parse(stdout.slice(last + 1)) as { title: unknown; version: unknown };
    return { output: stdout.slice(0, last) + stderr, ...result };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("text from the document", () => {
  it("is generated at all: the fixture reaches every renderer", () => {
    expect(generated.facts.helpers).toHaveLength(1);
    expect(generated.facts.serverOptions.map((option) => option.option)).toEqual(["tenant"]);
    expect(generated.facts.spec.name).toBe("Hostile");
    expect(generated.warnings.some((warning) => warning.includes("x-sdkforge-name"))).toBe(true);
    for (const name of ["spec.ts", "resources.ts", "options.ts", "openapi.ts", "cli.ts"]) {
      expect(generated.file(name), name).toContain("INJECTED");
    }
  });

  it("never runs when the generated package is imported, and reads back unchanged", async () => {
    const { output, title, version } = await importGenerated();
    expect(output).not.toContain("INJECTED");
    expect(title).toBe(fixture.info.title);
    expect(version).toBe(fixture.info.version);
  }, 60_000);

  it("type-checks, with the enum values as the literal types they are", async () => {
    const consumer = `${CONSUMER_PRELUDE}
export const client = new Client({ tenant: "a*/b" });
// @ts-expect-error only the server variable's enum values
export const other = new Client({ tenant: "c" });
`;
    await typecheck({ hostile: { generated, consumer } });
  }, 60_000);

  it("stays inside its table cells in the README, markers intact", () => {
    const readme = withApiReference("# Hostile\n", vendorReport(generated.facts));
    expect(readme.split(README_START)).toHaveLength(2);
    expect(readme.split(README_END)).toHaveLength(2);
    expect(readme.trimEnd().endsWith(README_END)).toBe(true);
    expect(readme).not.toMatch(/<script|<!--(?! api-reference)/);
    const tables = readme.split("\n\n").filter((block) => block.startsWith("|"));
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const columns = table.split("\n").map((row) => row.split("|").length);
      expect(new Set(columns).size, table).toBe(1);
    }
  });
});
