/**
 * A fourth release round, driven by a spec change: the vendors' docs sites are served on 127.0.0.1
 * from fixture v2 (Archil documents `DELETE /api/disks/{id}`; VectorAI is unchanged), the rehearsal
 * copy's sources point at them, and `pnpm sync-specs` writes the spec, the regenerated code, the
 * API report and the changeset. Versioned and published like any release: only `@sdkforge/archil`
 * gets a new version, and its new `disks.delete` helper, installed from the registry with plain
 * npm, sends the documented request.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv, run } from "../lib/run.ts";
import { discoverVendors } from "../spec-sync/sources.ts";
import { type DocsSite, startDocsSite } from "../spec-sync/test-support/docs-site.ts";
import { check } from "./check.ts";
import type { LocalRegistry } from "./local-registry.ts";
import { type Versions, versionAndPublish } from "./release-rounds.ts";
import type { PublishablePackage } from "./workspace-copy.ts";

const ARCHIL = "@sdkforge/archil";

const CALL_THE_NEW_HELPER = `
import { createServer } from "node:http";
import { Archil } from "@sdkforge/archil";
const seen = [];
const server = createServer((request, response) => {
  seen.push(request.method + " " + request.url + " " + request.headers.authorization);
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ success: true, data: { message: "Disk deleted successfully" } }));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
try {
  const archil = new Archil({ apiKey: "key-release-rehearsal", baseUrl: "http://127.0.0.1:" + server.address().port });
  const result = await archil.disks.delete("dsk_1");
  console.log(JSON.stringify({ seen, id: result.id, alreadyGone: result.alreadyGone }));
} finally {
  server.close();
}
`;

export async function runSpecSyncRound(
  repo: string,
  work: string,
  registry: LocalRegistry,
  packages: readonly PublishablePackage[],
  previous: Versions,
): Promise<Versions> {
  const started = performance.now();
  const registered = new Map<string, string[]>();
  for (const { name } of packages) registered.set(name, await registry.versions(name));
  const sites: DocsSite[] = [];
  try {
    for (const vendor of await discoverVendors(repo)) {
      const index = vendor.sources.find((source) => source.kind === "docsIndex");
      check(index?.kind === "docsIndex", `${vendor.configFile} names a docs index`);
      const realOrigin = new URL(index.url).origin;
      const site = await startDocsSite({ vendor: vendor.vendor, version: "v2", realOrigin });
      sites.push(site);
      const config = join(repo, vendor.configFile);
      await writeFile(config, (await readFile(config, "utf8")).replaceAll(realOrigin, site.origin));
    }
    const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" });
    const sync = await run("pnpm", ["sync-specs"], { cwd: repo, env, timeoutMs: 300_000 });
    check(sync.stdout.includes(`## ${ARCHIL}: minor`), `sync-specs reported a minor change for ${ARCHIL}`);
  } finally {
    await Promise.all(sites.map((site) => site.close()));
  }

  const versions = await versionAndPublish("round 4, spec sync (v2 docs)", repo, registry, packages);
  for (const { name } of packages) {
    const published = await registry.versions(name);
    if (name === ARCHIL) {
      check(versions[name] !== previous[name], `round 4: ${name} got a new version`);
      check(published.at(-1) === versions[name], `round 4: ${name}@${versions[name]} is in the registry`);
    } else {
      check(versions[name] === previous[name], `round 4: ${name} stayed at ${previous[name]}, not ${versions[name]}`);
      const before = registered.get(name) ?? [];
      check(JSON.stringify(published) === JSON.stringify(before), `round 4: ${name} was not republished`);
    }
  }

  const consumer = join(work, "consumers", "spec-sync");
  await mkdir(consumer, { recursive: true });
  await writeFile(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer-spec-sync", private: true, type: "module" }),
  );
  await writeFile(join(consumer, ".npmrc"), `@sdkforge:registry=${registry.url}\n`);
  await writeFile(join(consumer, "index.mjs"), CALL_THE_NEW_HELPER);
  const env = cleanEnv();
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `${ARCHIL}@${versions[ARCHIL]}`],
    {
      cwd: consumer,
      env,
    },
  );
  const { stdout } = await run(process.execPath, ["index.mjs"], { cwd: consumer, env });
  const outcome = JSON.parse(stdout) as { seen: string[]; id: string; alreadyGone: boolean };
  check(
    JSON.stringify(outcome.seen) === JSON.stringify(["DELETE /api/disks/dsk_1 key-release-rehearsal"]) &&
      outcome.id === "dsk_1",
    `round 4: the installed ${ARCHIL}@${versions[ARCHIL]} sends DELETE /api/disks/dsk_1 (got ${stdout.trim()})`,
  );
  console.log(
    `  round 4: the installed ${ARCHIL}@${versions[ARCHIL]} deletes a disk (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return versions;
}
