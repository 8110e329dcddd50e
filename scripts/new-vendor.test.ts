/**
 * `pnpm new-vendor` end to end, in a scratch copy of the workspace (never this one), for the three
 * public documents (packages/generator/test/corpus: DigitalOcean's 2,034 files with 65 DELETEs and
 * bearer auth, GitHub Enterprise Server's JSON diff with 18 and no security, and openapi-typescript's
 * example with no DELETE). After one command that adds all three, with nothing edited by hand,
 * every new package is generated, linted, type-checked, built, tested and packable, has its API
 * report, and the cross-vendor suites cover it: every helper against Prism and against the
 * spec-driven server, the contract suite, size budgets, spec validation. Needs built packages
 * (`pnpm build`), as `pnpm test` provides; the scratch install reuses the local pnpm store offline.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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
/** What `pnpm new-vendor` printed on stderr. */
let newVendorStderr = "";
/** A loopback site publishing the JSON and the multi-file document, which new-vendor is told to follow. */
let site: { server: Server; origin: string; folder: string };
const GHES_FILE = "octokit-ghes-3.6-diff-to-api.json";
const DIGITALOCEAN_ENTRY = "DigitalOcean-public.v2.yaml";
const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "true", NO_COLOR: "1" });
const inRepo = (command: string, args: string[], timeoutMs = 5 * MINUTES) =>
  run(command, args, { cwd: repo, env, timeoutMs });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "new-vendor-"));
  repo = join(work, "repo");
  await copyWorkspace(REPO_ROOT, repo);
  site = await startSite(join(work, "site"));
  const sources: Record<string, string> = {
    "corpus-simple": SIMPLE_SOURCE,
    "corpus-ghes": `${site.origin}/ghes/${GHES_FILE}`,
    "corpus-digitalocean": `${site.origin}/digitalocean/${DIGITALOCEAN_ENTRY}`,
  };
  // One command adds all three, as a user adding several vendors would: one install, one build.
  const args = PUBLIC.flatMap(({ id, spec }) => [id, "--spec", spec, "--source", sources[id] ?? ""]);
  newVendorStderr = (await inRepo("pnpm", ["new-vendor", ...args], 15 * MINUTES)).stderr;
}, 15 * MINUTES);
afterAll(async () => {
  site?.server.closeAllConnections();
  await new Promise((resolve) => site?.server.close(resolve) ?? resolve(undefined));
  await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

/** Serves `folder` on 127.0.0.1: the GitHub document under /ghes/, DigitalOcean's files under /digitalocean/. */
async function startSite(folder: string) {
  await cp(PUBLIC[1].spec, join(folder, "ghes", GHES_FILE));
  await cp(join(CORPUS, "digitalocean"), join(folder, "digitalocean"), { recursive: true });
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (path.includes("..")) return void response.writeHead(404).end();
    readFile(join(folder, path)).then(
      (body) => response.writeHead(200, { "content-type": "text/plain" }).end(body),
      () => response.writeHead(404).end("Not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, folder };
}

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
    // A JSON and a multi-file document can be followed too: sync-specs writes them back in their layout.
    expect(await readFile(join(repo, "packages", "corpus-digitalocean", "spec-sources.yaml"), "utf8")).toContain(
      `document: "${site.origin}/digitalocean/${DIGITALOCEAN_ENTRY}"`,
    );
  });

  it("prints the document's warnings once each, and still generates", () => {
    // GitHub's document has two `nullable` schemas without a `type`: tolerated, and reported. The
    // other two documents have nothing to warn about.
    const warnings = newVendorStderr.split("\n").filter((line) => line.startsWith("warning: "));
    expect(warnings).toEqual([
      expect.stringMatching(/^warning: specs\/corpus-ghes\.json at #\/components\/schemas\/installation\/.*nullable/),
      expect.stringMatching(
        /^warning: specs\/corpus-ghes\.json at #\/components\/schemas\/ldap-mapping-team\/.*nullable/,
      ),
    ]);
  });

  it(
    "leaves generated code that is up to date and specs that validate",
    async () => {
      await inRepo("pnpm", ["generate", "--check"]);
      await inRepo("pnpm", ["validate-specs"]);
      // Each new package has the API report that `pnpm test` checks its build against. new-vendor wrote it from
      // the build it had just made, with the same tool `--check` runs (scripts/api-report), so the check is not
      // repeated here: it is half a minute of api-extractor over DigitalOcean's types.
      for (const { id } of PUBLIC) {
        const report = await readFile(join(repo, "packages", id, "api-report", `${id}.api.md`), "utf8");
        expect(report).toMatch(/^export class Corpus\w+ extends APIClient</m);
      }
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
        // Only the new vendors' cases: the workspace's own vendors are covered by the suite's own run.
        [
          "exec",
          "vitest",
          "run",
          "test/contract.test.ts",
          "test/every-helper.test.ts",
          "-t",
          "Corpus",
          "--reporter=verbose",
        ],
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

  it(
    "follows the JSON and the multi-file vendor with sync-specs, writing each back in its own layout",
    async () => {
      const vendors = ["corpus-ghes", "corpus-digitalocean"];
      const unchanged = await runAllowingFailure("pnpm", ["sync-specs", ...vendors, "--check"], {
        cwd: repo,
        env,
        timeoutMs: 5 * MINUTES,
      });
      expect(unchanged.code, unchanged.output).toBe(0);
      expect(unchanged.output).toContain("`specs/corpus-digitalocean/` already says what the docs say.");

      // The vendors publish new versions: GitHub's in its own (compact) JSON text, DigitalOcean's in one of its files.
      const ghes = JSON.parse(await readFile(PUBLIC[1].spec, "utf8")) as { info: { description?: string } };
      ghes.info.description = `${ghes.info.description ?? ""} Republished.`;
      const ghesText = JSON.stringify(ghes);
      await writeFile(join(site.folder, "ghes", GHES_FILE), ghesText);
      const destroy = "resources/droplets/droplets_destroy.yml";
      const destroyText = (await readFile(join(CORPUS, "digitalocean", destroy), "utf8")).replace(
        /^summary: .*$/m,
        "summary: Delete an Existing Droplet, for good",
      );
      expect(destroyText).toContain("for good");
      await writeFile(join(site.folder, "digitalocean", destroy), destroyText);

      await inRepo("pnpm", ["sync-specs", ...vendors], 10 * MINUTES);
      expect(await readFile(join(repo, "specs", "corpus-ghes.json"), "utf8")).toBe(`${ghesText}\n`);
      expect(await readFile(join(repo, "specs", "corpus-digitalocean", destroy), "utf8")).toBe(destroyText);
      expect(await readdir(join(repo, "specs"))).not.toContain("corpus-ghes.yaml");
      expect(await readdir(join(repo, "specs"))).not.toContain("corpus-digitalocean.yaml");
      const resources = await readFile(
        join(repo, "packages", "corpus-digitalocean", "src", "generated", "resources.ts"),
        "utf8",
      );
      expect(resources).toContain("Delete an Existing Droplet, for good");
      const changesets = await readdir(join(repo, ".changeset"));
      for (const vendor of vendors) {
        expect(changesets.some((file) => file.startsWith(`spec-sync-${vendor}-`))).toBe(true);
      }
      await inRepo("pnpm", ["generate", "--check", ...vendors]);
    },
    15 * MINUTES,
  );
});
