/**
 * `pnpm test:runtimes`: the built packages, packed and installed with npm (packed-install.ts), run
 * the smoke scenario (scenario.ts) in every runtime of the matrix — system Node, Node 22 and 24,
 * Bun, Deno and headless Chromium — each against its own fresh pair of embedded servers. The CLI
 * runtimes resolve the packages themselves; the browser loads a bundle and calls the servers
 * cross-origin.
 *
 * A runtime missing on this machine is reported as SKIPPED with the reason. With
 * REQUIRE_ALL_RUNTIMES=1 (CI, where all of them are installed) a skip fails the run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startArchilServer } from "@sdkforge/archil/testing";
import { startVectorAIServer } from "@sdkforge/vectorai/testing";
import { build } from "esbuild";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { startPageServer } from "./chromium.ts";
import { locateRuntimes, type Runtime } from "./locate.ts";
import { installPacked } from "./packed-install.ts";
import type { SmokeCheck, SmokeReport, SmokeTargets } from "./scenario.ts";

const RUNTIME_TIMEOUT_MS = 60_000;
const started = performance.now();

interface Outcome {
  readonly runtime: Runtime;
  readonly status: "PASS" | "FAIL" | "SKIPPED";
  readonly detail: string;
  readonly ms: number;
}

/** The CLI bundle keeps package imports external, so each runtime resolves `@sdkforge/*` itself. */
async function bundleScenario(app: string): Promise<{ cli: string; browser: string }> {
  const cli = join(app, "smoke-cli.mjs");
  const browser = join(app, "smoke-browser.js");
  const common = { bundle: true, format: "esm", target: "es2022", logLevel: "warning" } as const;
  await build({ ...common, entryPoints: [join(app, "src", "cli-entry.ts")], outfile: cli, packages: "external" });
  await build({
    ...common,
    entryPoints: [join(app, "src", "browser-entry.ts")],
    outfile: browser,
    platform: "browser",
  });
  return { cli, browser };
}

async function startServers(cors: string | undefined) {
  const corsOption = cors === undefined ? {} : { cors };
  const vectorai = await startVectorAIServer({ tokenIds: [101], ...corsOption });
  const archil = await startArchilServer({ tokenIds: ["9c0f2d1e7a"], ...corsOption });
  const targets: SmokeTargets = {
    vectorai: { url: vectorai.url, token: vectorai.adminToken, tokenId: 101 },
    archil: { url: archil.url, apiKey: archil.apiKey, tokenId: "9c0f2d1e7a" },
  };
  /** What the servers saw: the deletes happened, exactly three calls each, all matching the spec. */
  const serverChecks = (): SmokeCheck[] =>
    [vectorai, archil].map((server, index) => {
      const calls = server.requests.filter((request) => request.method !== "OPTIONS");
      const violations = calls.flatMap((request) => request.violations);
      const ok = calls.length === 3 && violations.length === 0 && server.tokenIds.size === 0;
      const name = index === 0 ? "VectorAI server" : "Archil server";
      return { name, ok, detail: `${calls.length} calls, ${server.tokenIds.size} ids left, ${violations.join("; ")}` };
    });
  const close = () => Promise.all([vectorai.close(), archil.close()]).then(() => undefined);
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

async function runOne(runtime: Runtime, app: string, bundles: { cli: string; browser: string }): Promise<Outcome> {
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
  const servers = await startServers(page?.origin);
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
    const passedNames = checks.map((check) => check.name.replace(/^(VectorAI|Archil) /, "")).join(", ");
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
  const app = await installPacked(work);
  const bundles = await bundleScenario(app);
  outcomes = await Promise.all(locateRuntimes().map((runtime) => runOne(runtime, app, bundles)));
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
