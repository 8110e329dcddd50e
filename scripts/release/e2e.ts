/**
 * `pnpm test:release`: a release rehearsal against a real registry. Starts a throwaway Verdaccio on
 * 127.0.0.1, versions and publishes the packages through changesets from a temporary copy of the
 * workspace (three rounds, see release-rounds.ts), then installs them with plain npm into fresh
 * consumer projects outside the workspace (see consumers.ts). Expects built packages (`pnpm build`).
 * The registry and every temporary folder are gone when this exits, failed or not.
 */
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadTestVendor } from "../lib/vendor-testing.ts";
import { findVendors } from "../lib/vendors.ts";
import {
  CURRENT_TYPESCRIPT,
  checkConsumer,
  installTools,
  OLDEST_TYPESCRIPT,
  TYPESCRIPT_6,
  TYPESCRIPT_7_PREVIEW,
} from "./consumers.ts";
import { type LocalRegistry, startLocalRegistry } from "./local-registry.ts";
import { checkNpxCli } from "./npx-cli.ts";
import { runReleaseRounds } from "./release-rounds.ts";
import { runSpecSyncRound } from "./spec-sync-round.ts";
import { copyWorkspace, publishablePackages } from "./workspace-copy.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

async function installedVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, "node_modules", name, "package.json"), "utf8"));
  return (manifest as { version: string }).version;
}

const work = await mkdtemp(join(tmpdir(), "sdkforge-release-"));
// Interrupted (Ctrl-C, a CI timeout): the in-process registry dies with us; the files must go too.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}
let registry: LocalRegistry | undefined;
let tools: ReturnType<typeof installTools> | undefined;
try {
  registry = await startLocalRegistry(join(work, "registry"));
  console.log(`release rehearsal: local registry at ${registry.url}`);
  // Compilers download while the packages are published.
  tools = installTools(join(work, "tools"), await installedVersion("esbuild"));
  tools.catch(() => {});

  const packages = await publishablePackages(root);
  const repo = join(work, "repo");
  await copyWorkspace(root, repo);
  const vendors = await Promise.all(
    findVendors(root).map(async (vendor) => ({ vendor, testVendor: await loadTestVendor(vendor, root) })),
  );
  // Every vendor is released; the consumers exercise those with a helper to drive by one id.
  const exercised = vendors.filter(({ testVendor }) => testVendor.drivable);
  const released = await runReleaseRounds(
    repo,
    registry,
    packages,
    vendors.map(({ vendor }) => vendor.packageName),
  );
  const versions = await runSpecSyncRound(repo, work, registry, packages, released);
  console.log(`release rehearsal: four changesets releases published and checked (${seconds()})`);

  const typesNode = await installedVersion("@types/node");
  const kinds = ["esm", "cjs", "bundled"] as const;
  const url = registry.url;
  const pending = tools;
  // allSettled: a failing consumer must not leave the others writing while the folder is removed.
  const results = await Promise.allSettled([
    ...kinds.map((kind) =>
      checkConsumer(join(work, "consumers", kind), kind, url, versions, typesNode, pending, exercised),
    ),
    checkNpxCli(join(work, "npx"), url, versions, exercised),
  ]);
  const labels = [...kinds.map((kind) => `consumer ${kind}`), "bin via npx"];
  const failures: unknown[] = [];
  results.forEach((result, index) => {
    if (result.status === "fulfilled") console.log(`  ${labels[index]}: ${result.value.join("; ")}`);
    else failures.push(result.reason);
  });
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} consumer project(s) failed`);
  console.log(
    `release rehearsal passed: TypeScript ${OLDEST_TYPESCRIPT}, ${CURRENT_TYPESCRIPT}, ${TYPESCRIPT_6} and ${TYPESCRIPT_7_PREVIEW}, 3 consumers, every bin through npx (${seconds()})`,
  );
} catch (error) {
  for (const cause of error instanceof AggregateError ? error.errors : [error]) {
    console.error(`release rehearsal failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  process.exitCode = 1;
} finally {
  await tools?.catch(() => {});
  await registry?.close();
  await rm(work, { recursive: true, force: true, maxRetries: 3 });
}
