/**
 * The Cloudflare Workers consumer: worker-entry.ts, bundled the way wrangler bundles (esbuild,
 * `workerd`/`worker`/`browser` conditions, every package inlined), runs in workerd through
 * miniflare WITHOUT `nodejs_compat`. Its bindings are named like each vendor's env vars, read from
 * the vendor's spec (`<VENDOR>_API_KEY`, `<VENDOR>_BASE_URL`, …); the Worker passes them as options,
 * deletes one id on a fresh embedded server per vendor, and checks that a call without a
 * credential is refused with an error saying env vars are not readable, before anything is sent.
 *
 * When workerd has no binary for this platform, or its binary does not start, the check is
 * SKIPPED with the reason (the matrix turns that into a failure under REQUIRE_ALL_RUNTIMES=1).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { ApiSpec } from "@sdkforge/core";
import { build } from "esbuild";
import { REPO_ROOT } from "../lib/vendors.ts";
import { scanBrowserBundle } from "./bundle-scan.ts";
import { judge, type Outcome } from "./outcome.ts";
import type { SmokeCheck, SmokeReport } from "./scenario.ts";
import { installedVersion, type MiniflareInstance, type ScratchTools } from "./scratch-tools.ts";
import { type LoadedVendor, startServers } from "./smoke-servers.ts";
import { vendorModulesPlugin } from "./vendor-modules-plugin.ts";
import type { WorkerTarget } from "./worker-entry.ts";

/** Within what this workerd supports; no compatibility flags, so no `nodejs_compat`. */
const COMPATIBILITY_DATE = "2026-04-01";

interface Manifest {
  readonly exports?: { readonly "."?: { readonly import?: { readonly default?: string } } };
}

/** The vendor's generated `spec`, from its built main entry: the env var names come from it. */
async function specOf({ vendor }: LoadedVendor): Promise<ApiSpec> {
  const dir = join(REPO_ROOT, vendor.packageDir);
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
  const entry = manifest.exports?.["."]?.import?.default;
  if (!entry) throw new Error(`${vendor.packageName} has no "." import export`);
  const main = (await import(pathToFileURL(join(dir, entry)).href)) as { spec?: ApiSpec };
  if (!main.spec) throw new Error(`${vendor.packageName} does not export its \`spec\``);
  return main.spec;
}

/** The first lines of an error that say something (workerd's own messages start with a blank line). */
function reasonOf(error: unknown): string {
  const text =
    error instanceof Error ? `${error.message}\n${(error as { stderr?: string }).stderr ?? ""}` : String(error);
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, 2)
    .join(" / ");
}

/**
 * The workerd miniflare will start (the binary from `workerd`'s platform package, as miniflare
 * resolves it), or why there is none that runs here: the reason a skip reports.
 */
export async function probeWorkerd(tools: string): Promise<{ version: string } | { skipped: string }> {
  const platform = `${process.platform}-${process.arch}`;
  let binary: string;
  try {
    binary = (createRequire(join(tools, "package.json"))("workerd") as { default: string }).default;
  } catch (error) {
    return { skipped: `workerd has no binary for ${platform}: ${reasonOf(error)}` };
  }
  try {
    const { stdout } = await promisify(execFile)(binary, ["--version"], { timeout: 30_000 });
    return { version: stdout.trim() };
  } catch (error) {
    return { skipped: `workerd (${binary}) does not start on ${platform}: ${reasonOf(error)}` };
  }
}

async function bundleWorker(app: string, vendors: readonly LoadedVendor[]): Promise<string> {
  const result = await build({
    entryPoints: [join(app, "src", "worker-entry.ts")],
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    logLevel: "warning",
    plugins: [
      vendorModulesPlugin(
        vendors.map(({ vendor }) => vendor.packageName),
        app,
      ),
    ],
  });
  return result.outputFiles[0]?.text ?? "";
}

export async function runWorkerConsumer(
  toolsDir: string,
  tools: ScratchTools,
  app: string,
  vendors: readonly LoadedVendor[],
): Promise<Outcome> {
  const begin = performance.now();
  const name = `cloudflare workers (miniflare ${installedVersion(toolsDir, "miniflare")}, no nodejs_compat)`;
  const outcome = (result: Pick<Outcome, "status" | "detail">, version?: string): Outcome => ({
    name,
    ...(version === undefined ? {} : { version }),
    ...result,
    ms: Math.round(performance.now() - begin),
  });
  const workerd = await probeWorkerd(toolsDir);
  if ("skipped" in workerd) return outcome({ status: "SKIPPED", detail: workerd.skipped });

  const script = await bundleWorker(app, vendors);
  const problems = scanBrowserBundle(script);
  if (problems.length > 0) return outcome({ status: "FAIL", detail: problems.join("; ") }, workerd.version);

  // One call reaches each server: the delete. The call without a credential must be refused before sending.
  const servers = await startServers(vendors, undefined, 1);
  let mf: MiniflareInstance | undefined;
  try {
    const bindings: Record<string, string> = {};
    const targets: WorkerTarget[] = await Promise.all(
      vendors.map(async (loaded, index) => {
        const spec = await specOf(loaded);
        const target = servers.targets[index];
        if (!target) throw new Error(`no server for ${loaded.vendor.packageName}`);
        const envOf = new Map(
          Object.values(spec.securitySchemes).flatMap((scheme) =>
            scheme.options.map(({ option, env }) => [option, env]),
          ),
        );
        const credentialBindings: Record<string, string> = {};
        for (const [option, value] of Object.entries(target.credentials)) {
          const binding = envOf.get(option);
          if (!binding) throw new Error(`${loaded.vendor.packageName}: no env var for the option ${option}`);
          credentialBindings[option] = binding;
          bindings[binding] = value;
        }
        const baseUrlBinding = `${spec.env}_BASE_URL`;
        bindings[baseUrlBinding] = target.url;
        return {
          packageName: target.packageName,
          className: target.className,
          resourceName: target.resourceName,
          method: target.method,
          id: target.id,
          credentialBindings,
          baseUrlBinding,
        };
      }),
    );
    mf = new tools.Miniflare({
      modules: true,
      script,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: [],
      bindings: { ...bindings, SMOKE_TARGETS: JSON.stringify(targets) },
    });
    const response = await mf.dispatchFetch("http://worker.test/");
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
    const report = JSON.parse(text) as SmokeReport;
    const checks: SmokeCheck[] = [...report.checks, ...servers.serverChecks()];
    return outcome(judge(checks, report.runtime), workerd.version);
  } catch (error) {
    return outcome({ status: "FAIL", detail: error instanceof Error ? error.message : String(error) }, workerd.version);
  } finally {
    await mf?.dispose();
    await servers.close();
  }
}
