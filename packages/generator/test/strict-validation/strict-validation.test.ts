/**
 * Strict validation keeps every problem an error: `--strict` for `pnpm generate` and
 * `pnpm validate-specs`, or permanently for a vendor whose overlay says `x-sdkforge-strict: true`.
 * Without it the same document generates with one warning.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { main, SpecProblem, validateSpecs } from "../../src/index.ts";
import { generateFixture, scratchSpecs } from "../helpers.ts";

const PROBLEM = "Property `summary` is not expected here.";

it("generates the relaxed document with one warning, and refuses it when strict", async () => {
  const relaxed = await generateFixture("strict-validation", "relaxed");
  expect(relaxed.warnings).toEqual([expect.stringContaining(`specs/relaxed.yaml at #/info/summary: ${PROBLEM}`)]);
  const strict = await generateFixture("strict-validation", "relaxed", { strict: true }).catch((e: unknown) => e);
  expect(strict).toBeInstanceOf(SpecProblem);
  expect(strict).toMatchObject({ file: "specs/relaxed.yaml", pointer: "#/info/summary" });
  expect((strict as Error).message).toContain(`${PROBLEM} (strict validation)`);
});

it("refuses a vendor whose overlay opts in, without being asked", async () => {
  const error = await generateFixture("strict-validation", "kept-clean").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpecProblem);
  expect(error).toMatchObject({ file: "specs/kept-clean.yaml", pointer: "#/info/summary" });
});

it("refuses an opt-in that is not true or false", async () => {
  const error = await generateFixture("strict-validation", "unclear-flag").catch((e: unknown) => e);
  expect(error).toMatchObject({ file: "specs/unclear-flag.overlay.yaml", pointer: "#/x-sdkforge-strict" });
});

it("pnpm validate-specs: warnings pass, --strict makes them errors, every vendor at once", async () => {
  const scratch = await scratchSpecs("strict-validation");
  try {
    const lines: string[] = [];
    const validate = async (args: string[]) => {
      lines.length = 0;
      return await validateSpecs(scratch.root, args, (line) => lines.push(line));
    };
    expect(await validate(["relaxed"])).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^warning: specs\/relaxed\.yaml at #\/info\/summary: Property `summary` is not expected/),
      "validate-specs: 1 document, 0 errors, 1 warning",
    ]);
    expect(await validate(["--strict", "relaxed"])).toBe(1);
    expect(lines).toEqual([
      `error: specs/relaxed.yaml at #/info/summary: ${PROBLEM} (strict validation)`,
      "validate-specs: 1 document (strict), 1 error, 0 warnings",
    ]);
    // The vendor that opted in fails without --strict; the others still only warn.
    expect(await validate([])).toBe(1);
    expect(lines.filter((line) => line.startsWith("error: "))).toEqual([
      `error: specs/kept-clean.yaml at #/info/summary: ${PROBLEM} (strict validation)`,
      expect.stringContaining("specs/unclear-flag.overlay.yaml at #/x-sdkforge-strict: must be true or false"),
    ]);
    expect(lines.filter((line) => line.startsWith("warning: "))).toHaveLength(1);
  } finally {
    await scratch.cleanup();
  }
});

it("pnpm generate: --strict refuses what it otherwise generates", async () => {
  const scratch = await scratchSpecs("strict-validation");
  try {
    await mkdir(join(scratch.root, "packages", "relaxed"), { recursive: true });
    await writeFile(join(scratch.root, "packages", "relaxed", "package.json"), '{ "name": "@sdkforge/relaxed" }\n');
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const printed = () => stderr.mock.calls.map(([chunk]) => String(chunk)).join("");
    try {
      expect(await main(scratch.root, ["--strict", "relaxed"])).toBe(1);
      expect(printed()).toContain(
        `error: specs/relaxed.yaml at #/info/summary: does not validate as OpenAPI: ${PROBLEM}`,
      );
      expect(await readdir(join(scratch.root, "packages", "relaxed"))).toEqual(["package.json"]);
      stderr.mockClear();
      expect(await main(scratch.root, ["relaxed"])).toBe(0);
      // The warning, once, and the package's generated files.
      expect(printed().match(/^warning: .*#\/info\/summary/gm)).toHaveLength(1);
      expect(await readdir(join(scratch.root, "packages", "relaxed", "src", "generated"))).toHaveLength(6);
      expect(await main(scratch.root, ["--check", "relaxed"])).toBe(0);
    } finally {
      stderr.mockRestore();
    }
  } finally {
    await scratch.cleanup();
  }
});
