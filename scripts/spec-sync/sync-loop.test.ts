/**
 * The whole sync loop, offline: each vendor's docs site is served on 127.0.0.1 from the fixture
 * versions in fixtures/docs-site/, and `pnpm sync-specs` runs in a scratch copy of the workspace
 * whose source configs point at those servers. Each version asserts the spec written, the
 * generated code, the report, the API-report diff and the changeset, or (v5) the error and that
 * nothing at all was written.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import parseChangeset from "@changesets/parse";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { publishedPackages } from "../api-report/packages.ts";
import { releaseProblems } from "../api-report/release-check.ts";
import { markReleased } from "../api-report/state.ts";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { openApiDocuments } from "./openapi-blocks.ts";
import { discoverVendors } from "./sources.ts";
import { type DocsSite, startDocsSite } from "./test-support/docs-site.ts";
import { ROOT, type ScratchWorkspace, scratchWorkspace } from "./test-support/scratch-workspace.ts";

const LOOP_TIMEOUT = 300_000;
let open: { workspace: ScratchWorkspace; sites: DocsSite[] } | undefined;
afterEach(async () => {
  await Promise.all(open?.sites.map((site) => site.close()) ?? []);
  await open?.workspace.remove();
  open = undefined;
});

/** Each vendor's real docs origin, from its committed sources file. */
async function realOrigins(): Promise<Map<string, string>> {
  const origins = new Map<string, string>();
  for (const vendor of await discoverVendors(ROOT)) {
    const index = vendor.sources.find((source) => source.kind === "docsIndex");
    if (index?.kind === "docsIndex") origins.set(vendor.vendor, new URL(index.url).origin);
  }
  return origins;
}

/** A scratch workspace whose vendors' docs are fixture `version`, committed so `changes()` starts empty. */
async function workspaceServing(version: string, versions: Record<string, string> = {}) {
  const workspace = await scratchWorkspace();
  const sites: DocsSite[] = [];
  open = { workspace, sites };
  for (const [vendor, realOrigin] of await realOrigins()) {
    const site = await startDocsSite({ vendor, version: versions[vendor] ?? version, realOrigin });
    sites.push(site);
    const config = join(workspace.root, "packages", vendor, "spec-sources.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replaceAll(realOrigin, site.origin));
  }
  await runAllowingFailure("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qam", "sites"], {
    cwd: workspace.root,
  });
  expect(await workspace.changes()).toEqual([]);
  const options = {
    cwd: workspace.root,
    env: cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", NO_COLOR: "1" }),
    timeoutMs: 280_000,
  };
  const pnpm = (...args: string[]) => runAllowingFailure("pnpm", ["--silent", ...args], options);
  // The same command without pnpm's start-up, for the runs that only need the result.
  const script = (file: string, ...args: string[]) =>
    runAllowingFailure(process.execPath, ["--import", "tsx", `scripts/${file}`, ...args], options);
  const read = (path: string) => readFile(join(workspace.root, path), "utf8");
  return { workspace, sites, pnpm, script, read };
}

async function newChangesets(workspace: ScratchWorkspace) {
  const files = (await workspace.changes())
    .filter((line) => line.startsWith("?? .changeset/"))
    .map((line) => line.slice(3));
  return Promise.all(
    files.map(async (file) => ({ file, ...parseChangeset(await readFile(join(workspace.root, file), "utf8")) })),
  );
}

describe("v1, the seed pages", () => {
  it(
    "change nothing, write no changeset, and fetch only the API-reference pages",
    async () => {
      const { workspace, sites, pnpm } = await workspaceServing("v1");
      const check = await pnpm("sync-specs", "--check");
      expect(check.code, check.output).toBe(0);
      const sync = await pnpm("sync-specs");
      expect(sync.code, sync.output).toBe(0);
      expect(sync.stdout).toContain("## @sdkforge/archil: no change");
      expect(sync.stdout).toContain("## @sdkforge/vectorai: no change");
      expect(await workspace.changes()).toEqual([]);
      for (const site of sites) {
        expect(site.requests).toContain("/llms.txt");
        expect(site.requests.some((path) => path.startsWith("/api-reference/"))).toBe(true);
        expect(site.requests).not.toContain("/quickstart.md");
      }
    },
    LOOP_TIMEOUT,
  );

  it(
    "saved under fixtures, reproduce today's specs: formatted differently, the same in meaning, left byte for byte",
    async () => {
      const { workspace, pnpm, read } = await workspaceServing("v1");
      const before = { archil: await read("specs/archil.yaml"), vectorai: await read("specs/vectorai.yaml") };
      for (const [vendor, page] of [
        ["archil", "delete-api-token.md"],
        ["vectorai", "delete-access-token.md"],
      ] as const) {
        const markdown = await read(`scripts/spec-sync/fixtures/seed-pages/${vendor}/api-reference/${page}`);
        const [block] = openApiDocuments(markdown, page);
        expect(block?.block.text).not.toBe(before[vendor]);
        expect(block?.document).toEqual(parseYaml(before[vendor]));
      }
      const sync = await pnpm("sync-specs", "--from", "scripts/spec-sync/fixtures/seed-pages");
      expect(sync.code, sync.output).toBe(0);
      expect(await workspace.changes()).toEqual([]);
      expect(await read("specs/archil.yaml")).toBe(before.archil);
      expect(await read("specs/vectorai.yaml")).toBe(before.vectorai);
    },
    LOOP_TIMEOUT,
  );
});

describe("v2, Archil adds DELETE /api/disks/{id}", () => {
  it(
    "is a minor change for @sdkforge/archil only, with a new helper, and the release check holds it to minor",
    async () => {
      const { workspace, pnpm, script, read } = await workspaceServing("v2");
      const check = await pnpm("sync-specs", "--check");
      expect(check.code).toBe(1);
      expect(check.output).toContain("`DELETE /api/disks/{id}` | new operation");
      expect(await workspace.changes()).toEqual([]);

      const sync = await pnpm("sync-specs", "--report-file", "sync-report.md");
      expect(sync.code, sync.output).toBe(0);
      const [changeset, ...others] = await newChangesets(workspace);
      expect(others).toEqual([]);
      expect(changeset?.releases).toEqual([{ name: "@sdkforge/archil", type: "minor" }]);
      expect(changeset?.summary).toContain("New method `Archil.disks.delete(id: string");
      expect(await workspace.changes()).toEqual(
        [
          // The README's API reference and the typed helpers are generated from the same facts.
          ` M packages/archil/README.md`,
          ` M packages/archil/api-report/archil.api.md`,
          // The bin gains the new helper's command.
          ` M packages/archil/src/generated/cli.ts`,
          ` M packages/archil/src/generated/openapi.ts`,
          ` M packages/archil/src/generated/resources.ts`,
          ` M packages/archil/src/generated/spec.ts`,
          ` M packages/archil/src/generated/testing-spec.ts`,
          ` M specs/archil.yaml`,
          `?? ${changeset?.file}`,
          "?? sync-report.md",
        ].sort(),
      );

      const spec = parseYaml(await read("specs/archil.yaml")) as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toEqual(["/api/tokens/{id}", "/api/disks/{id}"]);
      expect(await read("packages/archil/src/generated/openapi.ts")).toContain('"/api/disks/{id}": {');
      expect(await read("packages/archil/src/generated/spec.ts")).toContain('"delete": "deleteDisk"');
      const report = await read("sync-report.md");
      expect(`${report}\n`).toBe(sync.stdout);
      expect(report).toContain("## @sdkforge/archil: minor (additive)");
      expect(report).toContain("## @sdkforge/vectorai: no change");
      expect(report).toContain(
        "- new method `Archil.disks.delete(id: string, options?: DeleteOptions | undefined): APIPromise<DeleteResult<string",
      );
      expect(report).toMatch(/^\+Archil#disks\.delete\(id: string/m);
      expect(await read("packages/archil/api-report/archil.api.md")).toContain(
        "Archil#disks.deleteMany(ids: IdSource<string>",
      );

      // The built helper sends the documented request.
      const seen: string[] = [];
      const { createServer } = await import("node:http");
      const server = createServer((request, response) => {
        seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ success: true, data: { message: "Disk deleted successfully" } }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const address = server.address() as { port: number };
        const built = await import(pathToFileURL(join(workspace.root, "packages/archil/dist/index.js")).href);
        const archil = new built.Archil({ apiKey: "key-abc_sync_123", baseUrl: `http://127.0.0.1:${address.port}` });
        const result = await archil.disks.delete("dsk_1");
        expect(result).toMatchObject({ id: "dsk_1", alreadyGone: false });
        expect(seen).toEqual(["DELETE /api/disks/dsk_1 key-abc_sync_123"]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }

      const diff = await script("spec-sync/diff-cli.ts", "archil");
      expect(diff.stdout).toContain("## @sdkforge/archil: minor (additive)");

      // As after a release: no other pending changeset. A patch bump cannot carry a new helper.
      const pending = await runAllowingFailure("git", ["ls-files", ".changeset/*.md"], { cwd: workspace.root });
      for (const file of pending.stdout.split("\n").filter(Boolean)) await rm(join(workspace.root, file));
      const changesetPath = join(workspace.root, changeset?.file ?? "");
      const minor = await readFile(changesetPath, "utf8");
      await writeFile(changesetPath, minor.replace('"@sdkforge/archil": minor', '"@sdkforge/archil": patch'));
      const packages = await publishedPackages(workspace.root);
      // The release also recorded the other packages' APIs, which this sync left alone.
      for (const pkg of packages) if (pkg.name !== "@sdkforge/archil") await markReleased(workspace.root, pkg);
      const [tooSmall, ...more] = await releaseProblems(workspace.root, packages);
      expect(more).toEqual([]);
      expect(tooSmall).toMatch(
        /^@sdkforge\/archil: its API changed since 0\.0\.0 was released \([^)]*\barchil\.api\.md\)/,
      );
      expect(tooSmall).toContain("needs a minor bump, but the pending changesets give it only patch");
      // `pnpm test`'s check refuses it, and for that reason only: the written report matches the build.
      const refused = await pnpm("api-report", "--check", "archil");
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(tooSmall);
      expect(refused.output).not.toContain("no longer matches the built API");
      await rm(changesetPath);
      expect(await releaseProblems(workspace.root, packages)).toEqual([expect.stringContaining("give it none")]);
      await writeFile(changesetPath, minor);
      expect(await releaseProblems(workspace.root, packages)).toEqual([]);
    },
    LOOP_TIMEOUT,
  );
});

describe("v3, VectorAI's token_id retyped to string", () => {
  it(
    "is breaking (a minor bump below 1.0) for @sdkforge/vectorai only, and the helper takes a string",
    async () => {
      const { workspace, script, read } = await workspaceServing("v3");
      const sync = await script("spec-sync/cli.ts");
      expect(sync.code, sync.output).toBe(0);
      expect(sync.stdout).toContain("## @sdkforge/vectorai: minor (breaking)");
      expect(sync.stdout).toContain(
        '| breaking | `DELETE /auth/access_token/{token_id}` | path parameter `token_id` retyped from "integer" to "string" |',
      );
      expect(sync.stdout).toContain("- changed method `VectorAI.accessTokens.delete(token_id: number");
      expect(sync.stdout).toMatch(/^-\s+token_id: number;$/m);
      expect(sync.stdout).toMatch(/^\+\s+token_id: string;$/m);
      const [changeset, ...others] = await newChangesets(workspace);
      expect(others).toEqual([]);
      expect(changeset?.releases).toEqual([{ name: "@sdkforge/vectorai", type: "minor" }]);
      expect(changeset?.summary).toContain("**Breaking:** `DELETE /auth/access_token/{token_id}`");
      expect((await workspace.changes()).filter((line) => line.includes("archil"))).toEqual([]);
      expect(await read("packages/vectorai/src/generated/openapi.ts")).toMatch(/token_id: string;/);
      expect(await read("packages/vectorai/api-report/vectorai.api.md")).toContain(
        "VectorAI#accessTokens.delete(token_id: string",
      );
    },
    LOOP_TIMEOUT,
  );
});

describe("v4, description wording only", () => {
  it(
    "is a patch for @sdkforge/archil: the JSDoc changes, the API report does not",
    async () => {
      const { workspace, script, read } = await workspaceServing("v4");
      const sync = await script("spec-sync/cli.ts");
      expect(sync.code, sync.output).toBe(0);
      expect(sync.stdout).toContain("## @sdkforge/archil: patch (cosmetic (wording))");
      expect(sync.stdout).toContain("No change to the API report");
      const [changeset, ...others] = await newChangesets(workspace);
      expect(others).toEqual([]);
      expect(changeset?.releases).toEqual([{ name: "@sdkforge/archil", type: "patch" }]);
      expect(await workspace.changes()).toEqual(
        [
          // The bin's --help carries the operation's wording, as the helpers' JSDoc does.
          " M packages/archil/src/generated/cli.ts",
          " M packages/archil/src/generated/openapi.ts",
          // The helpers' JSDoc carries the operation's wording.
          " M packages/archil/src/generated/resources.ts",
          " M specs/archil.yaml",
          `?? ${changeset?.file}`,
        ].sort(),
      );
      const generated = await read("packages/archil/src/generated/openapi.ts");
      expect(generated).toContain("Revokes an API token and deletes it. Requests that use it fail from then on.");
      expect(generated).toContain("The token's ID (a hash), not the secret key");
    },
    LOOP_TIMEOUT,
  );
});

describe("v5, broken docs", () => {
  it.each([
    ["no-block", "/api-reference/delete-disk.md: this API-reference page has no OpenAPI block"],
    ["invalid-yaml", "/api-reference/delete-disk.md: the OpenAPI block at line 13"],
    ["conflict", "components.schemas.ErrorResponse is defined differently by two pages"],
    ["missing-page", "/api-reference/delete-disk.md: HTTP 404"],
  ])(
    "%s: a clear error, a non-zero exit, and nothing written",
    async (kind, message) => {
      const { workspace, script, sites } = await workspaceServing("v1", { archil: `v5/${kind}` });
      const sync = await script("spec-sync/cli.ts");
      expect(sync.code).toBe(1);
      expect(sync.output).toContain("sync-specs failed; specs/, packages/ and .changeset/ are unchanged.");
      expect(sync.output).toContain(message);
      if (kind === "conflict") {
        const archil = sites.find((site) => site.requests.some((path) => path.includes("delete-disk")));
        expect(sync.output).toContain(`${archil?.origin}/api-reference/delete-api-token.md`);
        expect(sync.output).toContain(`${archil?.origin}/api-reference/delete-disk.md`);
      }
      expect(await workspace.changes()).toEqual([]);
    },
    LOOP_TIMEOUT,
  );
});
