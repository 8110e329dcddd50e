/**
 * Real-shaped docs pages that share components (a response header by `$ref`, a schema, the security
 * scheme), served from 127.0.0.1: they merge, and a later version's changes each come out as one
 * row with the right level; `sync-specs --check` against them writes nothing and says what differs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { collectVendor } from "./collect.ts";
import { mergeDocuments } from "./merge-pages.ts";
import { readVendorSources } from "./sources.ts";
import { specChanges } from "./spec-changes.ts";
import { type DocsSite, startDocsSite } from "./test-support/docs-site.ts";
import { ROOT } from "./test-support/scratch-workspace.ts";

const sites: DocsSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()));
});

async function serve(version: string): Promise<DocsSite> {
  const archil = await readVendorSources(ROOT, "archil");
  const index = archil.sources.find((source) => source.kind === "docsIndex");
  const realOrigin = index?.kind === "docsIndex" ? new URL(index.url).origin : "https://docs.archil.com";
  const site = await startDocsSite({ vendor: "archil", version, realOrigin });
  sites.push(site);
  return site;
}

async function mergedAt(version: string) {
  const site = await serve(version);
  const archil = await readVendorSources(ROOT, "archil");
  return mergeDocuments(await collectVendor(archil, { root: ROOT, from: site.indexUrl }));
}

describe("docs pages sharing header components", () => {
  it("merge, each shared component once", async () => {
    const merged = (await mergedAt("v6")) as { components: Record<string, Record<string, unknown>> };
    expect(Object.keys(merged.components.headers ?? {})).toEqual(["RateLimit-Remaining"]);
    expect(Object.keys(merged.components.schemas ?? {})).toContain("Disk");
  });

  it("report each change of the next version as one row with its level", async () => {
    const rows = specChanges(await mergedAt("v6"), await mergedAt("v7")).map(
      ({ level, where, what }) => `${level} | ${where} | ${what}`,
    );
    expect(rows.sort()).toEqual(
      [
        'breaking | GET /api/disks | query parameter `status`: enum value "deleting" removed',
        'breaking | components.headers.RateLimit-Remaining | header `RateLimit-Remaining` retyped from "integer" to "string"',
        "breaking | components.schemas.Disk | schema `Disk` (in responses) field `size_gb` is now optional",
        "cosmetic | GET /api/disks/{id} | operation: description reworded",
      ].sort(),
    );
  });

  it("are compared by `sync-specs --check`, which names what it checked and writes nothing", async () => {
    const site = await serve("v6");
    const before = await runAllowingFailure("git", ["status", "--porcelain"], { cwd: ROOT });
    const check = await runAllowingFailure(
      process.execPath,
      ["--import", "tsx", "scripts/spec-sync/cli.ts", "archil", "--check", "--from", site.indexUrl],
      { cwd: ROOT, env: cleanEnv({ NO_COLOR: "1" }) },
    );
    expect(check.code, check.output).toBe(1);
    expect(check.stdout).toContain("# Spec check: docs compared with specs/");
    expect(check.stdout).toContain("| additive | `GET /api/disks` | new operation |");
    expect(check.stdout).toContain("| additive | `GET /api/disks/{id}` | new operation |");
    expect(check.stdout).not.toContain("vectorai");
    const after = await runAllowingFailure("git", ["status", "--porcelain"], { cwd: ROOT });
    expect(after.stdout).toBe(before.stdout);
  }, 120_000);
});
