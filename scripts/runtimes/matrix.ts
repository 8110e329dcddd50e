/**
 * `pnpm test:runtimes`: the built packages, packed and installed with npm (packed-install.ts), run
 * the smoke scenario (scenario.ts) in every runtime of the matrix — system Node, Node 22 and 24,
 * Bun, Deno and headless Chromium — each against a fresh embedded server per vendor (every vendor
 * the workspace has, driven through its `testVendor`). The CLI
 * runtimes resolve the packages themselves; the browser loads a bundle and calls the servers
 * cross-origin.
 *
 * App consumers run beside them, from one scratch install of their tools (scratch-tools.ts): the
 * browser scenario built by Vite, webpack and Rollup, which must hold no Node module and no
 * `/testing` code and then pass in Chromium (bundler-consumers.ts), and a Cloudflare Worker in
 * workerd without `nodejs_compat` (workers.ts).
 *
 * A runtime missing on this machine is reported as SKIPPED with the reason. With
 * REQUIRE_ALL_RUNTIMES=1 (CI, where all of them are installed) a skip fails the run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { loadTestVendor } from "../lib/vendor-testing.ts";
import { findVendors, type Vendor } from "../lib/vendors.ts";
import { runBundlerConsumers } from "./bundler-consumers.ts";
import { runBundleInChromium } from "./chromium.ts";
import { locateRuntimes, type Runtime } from "./locate.ts";
import { judge, type Outcome } from "./outcome.ts";
import { installPacked } from "./packed-install.ts";
import type { SmokeReport } from "./scenario.ts";
import { loadScratchTools, scratchTools, TOOL_VERSIONS } from "./scratch-tools.ts";
import { type LoadedVendor, startServers } from "./smoke-servers.ts";
import { vendorModulesPlugin } from "./vendor-modules-plugin.ts";
import { runWorkerConsumer } from "./workers.ts";

const RUNTIME_TIMEOUT_MS = 60_000;
const started = performance.now();

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
  const outcome = (result: Pick<Outcome, "status" | "detail">): Outcome => ({
    name: runtime.name,
    ...(runtime.version === undefined ? {} : { version: runtime.version }),
    ...result,
    ms: Math.round(performance.now() - begin),
  });
  if (runtime.skipped !== undefined || runtime.binary === undefined) {
    return outcome({ status: "SKIPPED", detail: runtime.skipped ?? "not found" });
  }
  const binary = runtime.binary;
  try {
    if (runtime.kind === "browser") {
      const report = await runBundleInChromium(binary, bundles.browser, vendors, RUNTIME_TIMEOUT_MS);
      return outcome(judge(report.checks, report.runtime));
    }
    const servers = await startServers(vendors, undefined);
    try {
      const { output } = await runAllowingFailure(binary, [...(runtime.args ?? []), bundles.cli], {
        cwd: app,
        env: cleanEnv({ SMOKE_TARGETS: JSON.stringify(servers.targets), NO_COLOR: "1" }),
        timeoutMs: RUNTIME_TIMEOUT_MS,
      });
      const report = parseReport(output);
      return outcome(judge([...report.checks, ...servers.serverChecks()], report.runtime));
    } finally {
      await servers.close();
    }
  } catch (error) {
    return outcome({ status: "FAIL", detail: error instanceof Error ? error.message : String(error) });
  }
}

const failed = (name: string, error: unknown): Outcome => ({
  name,
  status: "FAIL",
  detail: error instanceof Error ? error.message : String(error),
  ms: 0,
});

const work = await mkdtemp(join(tmpdir(), "sdkforge-runtimes-"));
let outcomes: Outcome[];
try {
  // The bundlers and miniflare install while the packages are packed and installed.
  const toolsStarted = performance.now();
  const toolsReady = scratchTools().then(async ({ dir, reused }) => {
    const took = `${((performance.now() - toolsStarted) / 1000).toFixed(1)} s`;
    console.log(
      `scratch tools (${Object.keys(TOOL_VERSIONS).join(", ")}): ${reused ? "reused" : "installed"} in ${took}`,
    );
    return { dir, tools: await loadScratchTools(dir) };
  });
  toolsReady.catch(() => undefined);
  const vendors = (
    await Promise.all(findVendors().map(async (vendor) => ({ vendor, testVendor: await loadTestVendor(vendor) })))
  ).filter(({ testVendor }) => testVendor.drivable);
  const app = await installPacked(work);
  const bundles = await bundleScenario(
    app,
    vendors.map(({ vendor }) => vendor),
  );
  const runtimes = locateRuntimes();
  const chromium = runtimes.find((runtime) => runtime.kind === "browser");
  const consumerOutcomes = toolsReady.then(
    ({ dir, tools }) =>
      Promise.all([
        runBundlerConsumers(tools, app, vendors, chromium, RUNTIME_TIMEOUT_MS),
        runWorkerConsumer(dir, tools, app, vendors).then((outcome) => [outcome]),
      ]).then((lists) => lists.flat()),
    (error: unknown) => [failed("browser bundlers and Cloudflare Workers", error)],
  );
  outcomes = (
    await Promise.all([
      Promise.all(runtimes.map((runtime) => runOne(runtime, app, bundles, vendors))),
      consumerOutcomes,
    ])
  ).flat();
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log("runtime matrix (built packages: deletes, 404s and 401s against the embedded servers)");
for (const { name, version, status, detail, ms } of outcomes) {
  const shown = version ? ` [${version}]` : "";
  console.log(`  ${status.padEnd(8)} ${name}${shown} ${(ms / 1000).toFixed(1)} s — ${detail}`);
}
const count = (status: Outcome["status"]) => outcomes.filter((outcome) => outcome.status === status).length;
const strict = process.env.REQUIRE_ALL_RUNTIMES === "1";
console.log(
  `runtime matrix: ${count("PASS")} of ${outcomes.length} runtimes ok, ${count("FAIL")} failing, ` +
    `${count("SKIPPED")} skipped${strict && count("SKIPPED") > 0 ? " (not allowed: REQUIRE_ALL_RUNTIMES=1)" : ""} ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (count("FAIL") > 0 || (strict && count("SKIPPED") > 0)) process.exitCode = 1;
