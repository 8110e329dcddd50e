/**
 * `pnpm new-vendor` end to end, in a scratch copy of the workspace (never this one), for the three
 * public documents (packages/generator/test/corpus: DigitalOcean's 2,034 files with 65 DELETEs and
 * bearer auth, GitHub Enterprise Server's JSON diff with 18 and no security, and openapi-typescript's
 * example with no DELETE). After the one command each, with nothing edited by hand,
 * every new package is generated, linted, type-checked, built, tested and packable, has its API
 * report, and the cross-vendor suites cover it: every helper against Prism and against the
 * spec-driven server, the contract suite, size budgets, spec validation. Needs built packages
 * (`pnpm build`), as `pnpm test` provides; the scratch install reuses the local pnpm store offline.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, run, runAllowingFailure } from "./lib/run.ts";
import { findVendors, REPO_ROOT } from "./lib/vendors.ts";
import { copyWorkspace } from "./release/workspace-copy.ts";

const MINUTES = 60_000;
// The public documents get names of their own (`corpus-…`), so that this test still passes in a workspace to
// which someone has added one of them as a real vendor.
/** The public documents the generator's own tests vendor (with their provenance, see its README there). */
const CORPUS = join(REPO_ROOT, "packages", "generator", "test", "corpus");
const PUBLIC = [
  { id: "corpus-digitalocean", spec: join(CORPUS, "digitalocean", "DigitalOcean-public.v2.yaml") },
  { id: "corpus-ghes", spec: join(CORPUS, "octokit-ghes-3.6-diff-to-api.json") },
  { id: "corpus-simple", spec: join(CORPUS, "simple-example.yaml") },
] as const;
const NEW_PACKAGES = PUBLIC.map(({ id }) => `@sdkforge/${id}`);
/** Where openapi-typescript publishes its example, for `--source`. */
const SIMPLE_SOURCE =
  "https://raw.githubusercontent.com/openapi-ts/openapi-typescript/0cc7ee77d28359c7901d9cd3b5733b70a050ea49/packages/openapi-typescript/examples/simple-example.yaml";
let work: string;
let repo: string;
const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "true", NO_COLOR: "1" });
const inRepo = (command: string, args: string[], timeoutMs = 5 * MINUTES) =>
  run(command, args, { cwd: repo, env, timeoutMs });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "new-vendor-"));
  repo = join(work, "repo");
  await copyWorkspace(REPO_ROOT, repo);
  for (const { id, spec } of PUBLIC) {
    const source = id === "corpus-simple" ? ["--source", SIMPLE_SOURCE] : [];
    await inRepo("pnpm", ["new-vendor", id, "--spec", spec, ...source]);
  }
}, 15 * MINUTES);
afterAll(() => rm(work, { recursive: true, force: true, maxRetries: 3 }));

describe("pnpm new-vendor <name> --spec <document> for the public documents", () => {
  it("copies each document byte for byte and is discovered as a vendor", async () => {
    expect(await readFile(join(repo, "specs", "corpus-simple.yaml"), "utf8")).toBe(
      await readFile(PUBLIC[2].spec, "utf8"),
    );
    expect(await readFile(join(repo, "specs", "corpus-ghes.json"), "utf8")).toBe(
      await readFile(PUBLIC[1].spec, "utf8"),
    );
    // A multi-file document keeps every one of its files, unchanged, under specs/<vendor>/.
    const files = async (dir: string) =>
      (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    expect(await files(join(repo, "specs", "corpus-digitalocean"))).toBe(await files(join(CORPUS, "digitalocean")));
    const tag = "resources/droplets/droplets_destroy.yml";
    expect(await readFile(join(repo, "specs", "corpus-digitalocean", tag), "utf8")).toBe(
      await readFile(join(CORPUS, "digitalocean", tag), "utf8"),
    );
    expect(findVendors(repo).map((vendor) => vendor.packageName)).toEqual(expect.arrayContaining(NEW_PACKAGES));
    const digitalocean = findVendors(repo).find((vendor) => vendor.id === "corpus-digitalocean");
    expect(digitalocean).toMatchObject({
      packageName: "@sdkforge/corpus-digitalocean",
      specEntry: "specs/corpus-digitalocean/DigitalOcean-public.v2.yaml",
    });
    const changeset = await readFile(join(repo, ".changeset", "corpus-digitalocean-first-release.md"), "utf8");
    expect(changeset).toMatch(/^---\n"@sdkforge\/corpus-digitalocean": minor\n---\n/);
    expect(await readFile(join(repo, "packages", "corpus-simple", "spec-sources.yaml"), "utf8")).toContain(
      `document: "${SIMPLE_SOURCE}"`,
    );
  });

  it("refuses --source for a document sync-specs could not write back, before touching anything", async () => {
    const args = [
      "new-vendor",
      "corpus-json",
      "--spec",
      PUBLIC[1].spec,
      "--source",
      "https://example.com/openapi.json",
    ];
    const refused = await runAllowingFailure("pnpm", args, { cwd: repo, env, timeoutMs: MINUTES });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("--source works for a single-file YAML document only");
    expect(findVendors(repo).map((vendor) => vendor.id)).not.toContain("corpus-json");
    expect(await readdir(join(repo, "specs"))).not.toContain("corpus-json.json");
  });

  it(
    "leaves generated code that is up to date and specs that validate",
    async () => {
      await inRepo("pnpm", ["generate", "--check"]);
      await inRepo("pnpm", ["validate-specs"]);
      // Each new package has the API report that `pnpm test` checks its build against.
      await inRepo("pnpm", ["api-report", "--check", ...NEW_PACKAGES.map((name) => name.replace("@sdkforge/", ""))]);
    },
    5 * MINUTES,
  );

  it(
    "gives packages that lint, type-check, build, pass their tests and pack",
    async () => {
      const filters = NEW_PACKAGES.map((name) => `--filter=${name}`);
      const task = ["lint", "typecheck", "build", "test", "check-package"];
      await inRepo("pnpm", ["exec", "turbo", "run", ...task, ...filters, "--output-logs=errors-only"], 15 * MINUTES);
    },
    15 * MINUTES,
  );

  it(
    "has every helper reach Prism without a violation and the spec-driven server, and the contract suite pass",
    async () => {
      const { stdout } = await run(
        "pnpm",
        ["exec", "vitest", "run", "test/contract.test.ts", "test/every-helper.test.ts", "--reporter=verbose"],
        { cwd: join(repo, "packages", "conformance"), env, timeoutMs: 10 * MINUTES },
      );
      expect(stdout).not.toMatch(/×|FAIL/);
      const lines = stdout.split("\n");
      const passed = (pattern: RegExp) => lines.filter((line) => line.includes("✓") && pattern.test(line)).length;
      expect(passed(/CorpusDigitalocean'? against Prism/), stdout).toBeGreaterThanOrEqual(4);
      expect(passed(/CorpusGhes'? against Prism/), stdout).toBeGreaterThanOrEqual(4);
      expect(passed(/CorpusDigitalocean'?: every helper.*all 65 helpers send requests Prism finds valid/), stdout).toBe(
        1,
      );
      expect(
        passed(/CorpusDigitalocean'?: every helper.*all 65 helpers succeed against the spec-driven test server/),
        stdout,
      ).toBe(1);
      // GitHub's 18 DELETEs, one of which sends a form (application/x-www-form-urlencoded).
      expect(passed(/CorpusGhes'?: every helper.*all 18 helpers send requests Prism finds valid/), stdout).toBe(1);
      expect(
        passed(/CorpusGhes'?: every helper.*all 18 helpers succeed against the spec-driven test server/),
        stdout,
      ).toBe(1);
    },
    10 * MINUTES,
  );

  it(
    "is covered by the size budgets",
    async () => {
      const size = await inRepo("pnpm", ["size"]);
      expect(size.stdout).toContain("@sdkforge/corpus-ghes: import { CorpusGhes }");
      expect(size.stdout).toContain("@sdkforge/corpus-digitalocean: import { CorpusDigitalocean }");
    },
    5 * MINUTES,
  );
});
