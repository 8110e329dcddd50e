/**
 * Turbo's inputs follow the vendors: each vendor's generate task watches its own document (and
 * overlay) and no other vendor's, so changing one spec regenerates one package. The conformance
 * suites watch every document because they run Prism against each; the bench watches none.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findVendors, REPO_ROOT, specInputGlobs } from "./vendors.ts";

interface TurboConfig {
  readonly tasks: Record<string, { readonly inputs?: readonly string[] }>;
}

const read = (file: string) => JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8")) as TurboConfig;
const specInputs = (inputs: readonly string[] = []) =>
  inputs.filter((input) => input.startsWith("$TURBO_ROOT$/specs")).map((input) => input.slice("$TURBO_ROOT$/".length));
const vendors = findVendors();

it("finds the vendors", () => {
  expect(vendors.length).toBeGreaterThan(0);
});

describe.each(vendors)("$packageName", (vendor) => {
  it("generates from exactly its own document and overlay", () => {
    const config = read(`${vendor.packageDir}/turbo.json`);
    expect(specInputs(config.tasks.generate?.inputs).sort()).toEqual(specInputGlobs(vendor.id).sort());
  });

  it("its inputs cover every file of its document", () => {
    const globs = specInputGlobs(vendor.id).map(
      (glob) => new RegExp(`^${glob.replace(/[.]/g, "\\.").replace("/**", "/.+").replace(/\*/g, "[^/]+")}$`),
    );
    for (const file of vendor.specFiles)
      expect(
        globs.some((glob) => glob.test(file)),
        file,
      ).toBe(true);
  });
});

it("no task outside the vendors' own packages reruns on a spec change, except the Prism contract suites", () => {
  const root = read("turbo.json");
  for (const [task, definition] of Object.entries(root.tasks)) expect(specInputs(definition.inputs), task).toEqual([]);
  const bench = read("packages/bench/turbo.json");
  for (const [task, definition] of Object.entries(bench.tasks)) expect(specInputs(definition.inputs), task).toEqual([]);
  expect(specInputs(read("packages/conformance/turbo.json").tasks.test?.inputs)).toEqual(["specs/**"]);
});
