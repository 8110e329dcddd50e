/**
 * `pnpm test:runtimes`: the built packages, packed and installed with npm (packed-install.ts), run
 * the smoke scenario (scenario.ts) in every runtime of the matrix — system Node, Node 22 and 24,
 * Bun, Deno and headless Chromium — each against a fresh embedded server per vendor (every vendor
 * the workspace has, driven through its `testVendor`). The CLI
 * runtimes resolve the packages themselves; the browser loads a bundle and calls the servers
 * cross-origin.
 *
 * A runtime missing on this machine is reported as SKIPPED with the reason. With
 * REQUIRE_ALL_RUNTIMES=1 (CI, where all of them are installed) a skip fails the run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestVendor } from "@sdkforge/core/testing";
import { build } from "esbuild";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { loadTestVendor } from "../lib/vendor-testing.ts";
import { findVendors, type Vendor } from "../lib/vendors.ts";
import { startPageServer } from "./chromium.ts";
import { locateRuntimes, type Runtime } from "./locate.ts";
import { installPacked } from "./packed-install.ts";
import type { SmokeCheck, SmokeReport, SmokeTarget, SmokeTargets } from "./scenario.ts";
import { vendorModulesPlugin } from "./vendor-modules-plugin.ts";

const RUNTIME_TIMEOUT_MS = 60_000;
const started = performance.now();

interface Outcome {
  readonly runtime: Runtime;
  readonly status: "PASS" | "FAIL" | "SKIPPED";
  readonly detail: string;
  readonly ms: number;
}

/** The CLI bundle keeps package imports external, so each runtime resolves `@sdkforge/*` itself. */
async function bundleScenario(app: string, vendors: readonly Vendor[]): Promise<{ cli: string; browser: string }> {
  const cli = join(app, "smoke-cli.mjs");
  const browser = join(app, "smoke-browser.js");
  const plugins = [
    vendorModulesPlugin(
      vendors.map((vendor) => vendor.packageName),
      app,
    ),
  ];
  const common = { bundle: true, format: "esm", target: "es2022", logLevel: "warning", plugins } as const;
  await build({ ...common, entryPoints: [join(app, "src", "cli-entry.ts")], outfile: cli, packages: "external" });
  await build({
    ...common,
    entryPoints: [join(app, "src", "browser-entry.ts")],
    outfile: browser,
    platform: "browser",
  });
  return { cli, browser };
}

const WRONG_SECRET = "smoke_wrong_secret_7f3a";

interface LoadedVendor {
  readonly vendor: Vendor;
  readonly testVendor: TestVendor;
}

/** One fresh server per vendor, each holding the one id the scenario deletes. */
async function startServers(vendors: readonly LoadedVendor[], cors: string | undefined) {
  const running = await Promise.all(
    vendors.map(async ({ vendor, testVendor }) => {
      const [id] = testVendor.ids(1);
      const started = await testVendor.start({ ids: [id], ...(cors === undefined ? {} : { cors }) });
      const secret = testVendor.secrets[0] ?? testVendor.credential;
      const target: SmokeTarget = {
        packageName: vendor.packageName,
        className: testVendor.name,
        credentials: testVendor.credentials,
        credentialOption: testVendor.credentialOption,
        resourceName: testVendor.resourceName,
        method: testVendor.method,
        url: started.server.url,
        credential: testVendor.credential,
        secret,
        wrongCredential: testVendor.credential.replace(secret, WRONG_SECRET),
        wrongSecret: WRONG_SECRET,
        id,
      };
      return { name: testVendor.name, started, target };
    }),
  );
  const targets: SmokeTargets = running.map(({ target }) => target);
  /** What the servers saw: the deletes happened, exactly three calls each, all matching the spec. */
  const serverChecks = (): SmokeCheck[] =>
    running.map(({ name, started }) => {
      const calls = started.server.requests.filter((request) => request.method !== "OPTIONS");
      const violations = calls.flatMap((request) => request.violations);
      const left = started.liveIds.size;
      const ok = calls.length === 3 && violations.length === 0 && left === 0;
      return {
        name: `${name} server`,
        ok,
        detail: `${calls.length} calls, ${left} ids left, ${violations.join("; ")}`,
      };
    });
  const close = () => Promise.all(running.map(({ started }) => started.server.close())).then(() => undefined);
  return { targets, serverChecks, close };
}

function parseReport(output: string): SmokeReport {
  const line = output.split("\n").find((text) => text.startsWith("SMOKE_REPORT "));
  if (!line) {
    const lines = output.trim().split("\n");
    const firstError = Math.max(
      0,
      lines.findIndex((text) => /error/i.test(text)),
    );
    throw new Error(`no report; output:\n${lines.slice(firstError, firstError + 10).join("\n")}`);
  }
  return JSON.parse(line.slice("SMOKE_REPORT ".length)) as SmokeReport;
}

async function runOne(
  runtime: Runtime,
  app: string,
  bundles: { cli: string; browser: string },
  vendors: readonly LoadedVendor[],
): Promise<Outcome> {
  const begin = performance.now();
  const outcome = (status: Outcome["status"], detail: string): Outcome => ({
    runtime,
    status,
    detail,
    ms: Math.round(performance.now() - begin),
  });
  if (runtime.skipped !== undefined || runtime.binary === undefined) {
    return outcome("SKIPPED", runtime.skipped ?? "not found");
  }
  const binary = runtime.binary;
  const page = runtime.kind === "browser" ? await startPageServer(bundles.browser) : undefined;
  const servers = await startServers(vendors, page?.origin);
  try {
    let report: SmokeReport;
    if (page) {
      report = await page.run(binary, servers.targets, RUNTIME_TIMEOUT_MS);
    } else {
      const { output } = await runAllowingFailure(binary, [...(runtime.args ?? []), bundles.cli], {
        cwd: app,
        env: cleanEnv({ SMOKE_TARGETS: JSON.stringify(servers.targets), NO_COLOR: "1" }),
        timeoutMs: RUNTIME_TIMEOUT_MS,
      });
      report = parseReport(output);
    }
    const checks = [...report.checks, ...servers.serverChecks()];
    const failed = checks.filter((check) => !check.ok);
    const passedNames = [...new Set(checks.map((check) => check.name.replace(/^\S+ /, "")))].join(", ");
    return failed.length === 0
      ? outcome("PASS", `${checks.length} checks (${passedNames}) — ${report.runtime}`)
      : outcome("FAIL", failed.map((check) => `${check.name}: ${check.detail}`).join("; "));
  } catch (error) {
    return outcome("FAIL", error instanceof Error ? error.message : String(error));
  } finally {
    await servers.close();
    await page?.close();
  }
}

const work = await mkdtemp(join(tmpdir(), "sdkforge-runtimes-"));
let outcomes: Outcome[];
try {
  const vendors = (
    await Promise.all(findVendors().map(async (vendor) => ({ vendor, testVendor: await loadTestVendor(vendor) })))
  ).filter(({ testVendor }) => testVendor.drivable);
  const app = await installPacked(work);
  const bundles = await bundleScenario(
    app,
    vendors.map(({ vendor }) => vendor),
  );
  outcomes = await Promise.all(locateRuntimes().map((runtime) => runOne(runtime, app, bundles, vendors)));
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log("runtime matrix (built packages: deletes, 404s and 401s against the embedded servers)");
for (const { runtime, status, detail, ms } of outcomes) {
  const version = runtime.version ? ` [${runtime.version}]` : "";
  console.log(`  ${status.padEnd(8)} ${runtime.name}${version} ${(ms / 1000).toFixed(1)} s — ${detail}`);
}
const count = (status: Outcome["status"]) => outcomes.filter((outcome) => outcome.status === status).length;
const strict = process.env.REQUIRE_ALL_RUNTIMES === "1";
console.log(
  `runtime matrix: ${count("PASS")} of ${outcomes.length} runtimes ok, ${count("FAIL")} failing, ` +
    `${count("SKIPPED")} skipped${strict && count("SKIPPED") > 0 ? " (not allowed: REQUIRE_ALL_RUNTIMES=1)" : ""} ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (count("FAIL") > 0 || (strict && count("SKIPPED") > 0)) process.exitCode = 1;
