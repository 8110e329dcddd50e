/**
 * `pnpm spec-diff` as a reviewer runs it: exactly the vendors named, an unknown name refused with
 * exit code 2, and two documents compared by path (bundled first when they span files; JSON read
 * as JSON).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runAllowingFailure } from "../lib/run.ts";
import { ROOT } from "./test-support/scratch-workspace.ts";

const PAIRS = join(import.meta.dirname, "fixtures/version-pairs");
const specDiff = (...args: string[]) =>
  runAllowingFailure("node", ["--import", "tsx", "scripts/spec-sync/diff-cli.ts", ...args], { cwd: ROOT });
const headings = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("## "));
const scratch = await mkdtemp(join(tmpdir(), "spec-diff-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Each case starts the CLI (and tsx) afresh, several seconds on a busy machine.
const CLI_TIMEOUT = 60_000;

describe("spec-diff", () => {
  it(
    "reports exactly the vendors named, and every vendor when none is",
    async () => {
      const one = await specDiff("archil");
      expect(one.code, one.output).toBe(0);
      expect(headings(one.stdout)).toEqual(["## @sdkforge/archil: no change"]);
      // It says what it compared: git revisions, not the docs.
      expect(one.stdout).toContain("`specs/archil.yaml` and the API report are unchanged since HEAD.");
      const two = await specDiff("archil", "vectorai");
      expect(headings(two.stdout)).toEqual(["## @sdkforge/archil: no change", "## @sdkforge/vectorai: no change"]);
      const all = await specDiff();
      expect(headings(all.stdout)).toEqual(headings(two.stdout));
    },
    CLI_TIMEOUT,
  );

  it(
    "refuses an unknown vendor with exit code 2, naming it",
    async () => {
      const result = await specDiff("archil", "no-such-vendor");
      expect(result.code).toBe(2);
      expect(result.output).toContain("Unknown vendor no-such-vendor");
      expect(result.stdout).toBe("");
    },
    CLI_TIMEOUT,
  );

  it(
    "compares two documents by path, bundling a change inside a referenced file",
    async () => {
      const result = await specDiff(join(PAIRS, "multi-file/before"), join(PAIRS, "multi-file/after"));
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain(": breaking\n");
      expect(result.stdout).toContain("field `size_gigabytes` is now required");
      expect(result.stdout).toContain("\n1 change: 1 breaking\n");
      expect(result.stdout).toContain("The public API was not compared");
    },
    CLI_TIMEOUT,
  );

  it(
    "reads a .json document with JSON.parse (a duplicate key keeps the last value, as JSON does)",
    async () => {
      const document = parse(await readFile(join(PAIRS, "base.yaml"), "utf8")) as { info: { title: string } };
      const text = JSON.stringify(document);
      // JSON allows a repeated key (the last wins); a YAML parser refuses it.
      const duplicated = text.replace('"title":"Volumes API"', '"title":"Old","title":"Volumes API"');
      await writeFile(join(scratch, "old.json"), duplicated);
      await writeFile(join(scratch, "new.json"), text.replace('"maxLength":64,"pattern"', '"maxLength":32,"pattern"'));
      const result = await specDiff(join(scratch, "old.json"), join(scratch, "new.json"));
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain("field `name`: maxLength tightened from 64 to 32");
      expect(result.stdout).not.toContain("info.title");
    },
    CLI_TIMEOUT,
  );
});
