/**
 * The browser-bundler consumers of the matrix: the smoke scenario's browser entry, importing every
 * vendor's installed package, built by Vite, webpack and Rollup (browser-bundles.ts). Each build
 * must succeed with no Node module and no `/testing` code in it, and then run the scenario in
 * headless Chromium against the embedded servers.
 *
 * So that a clean result means something, each bundler also builds a control entry that imports
 * every vendor's `/testing` on purpose: the same checks must then name a Node module and the
 * testing marker, or the bundler's line fails.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { type BrowserBuild, BUNDLERS, buildForBrowser } from "./browser-bundles.ts";
import { TESTING_MARKER } from "./bundle-scan.ts";
import { runBundleInChromium } from "./chromium.ts";
import type { Runtime } from "./locate.ts";
import { judge, type Outcome } from "./outcome.ts";
import type { ScratchTools } from "./scratch-tools.ts";
import type { LoadedVendor } from "./smoke-servers.ts";
import { vendorModulesPlugin } from "./vendor-modules-plugin.ts";

export interface BundlerConsumer {
  readonly build: BrowserBuild;
  /** What is wrong with the control build's findings; empty when they named what they must. */
  readonly controlGaps: readonly string[];
  readonly controlMs: number;
}

/**
 * The two entries the bundlers build, as plain JavaScript in the app folder (so they resolve its
 * node_modules): the browser scenario with the packages left as bare imports, and the control.
 */
async function writeEntries(app: string, vendors: readonly LoadedVendor[]): Promise<{ app: string; control: string }> {
  const names = vendors.map(({ vendor }) => vendor.packageName);
  const scenario = join(app, "src", "bundler-app.js");
  await build({
    entryPoints: [join(app, "src", "browser-entry.ts")],
    outfile: scenario,
    bundle: true,
    format: "esm",
    target: "es2022",
    packages: "external",
    logLevel: "warning",
    plugins: [vendorModulesPlugin(names, app)],
  });
  const control = join(app, "src", "bundler-control.js");
  await writeFile(
    control,
    [
      ...names.map((name, index) => `import * as testing${index} from ${JSON.stringify(`${name}/testing`)};`),
      // Kept reachable on purpose, so no bundler can tree-shake the testing code away.
      `globalThis.sdkforgeTestingControl = [${names.map((_, index) => `testing${index}`).join(", ")}];`,
    ].join("\n"),
  );
  return { app: scenario, control };
}

function gapsOf(control: BrowserBuild): string[] {
  const gaps: string[] = [];
  if (!control.problems.some((problem) => /Node module node:/.test(problem))) {
    gaps.push(
      `importing /testing was not reported as pulling a Node module (${control.problems.join("; ") || "no findings"})`,
    );
  }
  if (!control.problems.some((problem) => problem.includes(TESTING_MARKER))) {
    gaps.push(`the /testing code was not found by its marker "${TESTING_MARKER}"`);
  }
  return gaps;
}

/** One after another: the builds share two cores with the rest of the matrix. */
export async function buildBundlerConsumers(
  tools: ScratchTools,
  app: string,
  vendors: readonly LoadedVendor[],
): Promise<BundlerConsumer[]> {
  const entries = await writeEntries(app, vendors);
  const consumers: BundlerConsumer[] = [];
  for (const bundler of BUNDLERS) {
    const built = await buildForBrowser(tools, bundler, app, entries.app, join(app, `dist-${bundler}`));
    const control = await buildForBrowser(tools, bundler, app, entries.control, join(app, `control-${bundler}`));
    consumers.push({ build: built, controlGaps: gapsOf(control), controlMs: control.ms });
  }
  return consumers;
}

export async function runBundlerConsumer(
  consumer: BundlerConsumer,
  chromium: Runtime | undefined,
  vendors: readonly LoadedVendor[],
  timeoutMs: number,
): Promise<Outcome> {
  const begin = performance.now();
  const { build, controlGaps, controlMs } = consumer;
  const built = `built in ${(build.ms / 1000).toFixed(1)} s (control ${(controlMs / 1000).toFixed(1)} s)`;
  const outcome = (result: Pick<Outcome, "status" | "detail">): Outcome => ({
    name: `${build.bundler} ${build.version} browser build → chromium`,
    ...(chromium?.version === undefined ? {} : { version: chromium.version }),
    ...result,
    ms: Math.round(performance.now() - begin),
  });
  const problems = [...build.problems, ...controlGaps.map((gap) => `control: ${gap}`)];
  if (problems.length > 0) return outcome({ status: "FAIL", detail: problems.join("; ") });
  if (chromium?.binary === undefined) {
    return outcome({
      status: "SKIPPED",
      detail: `built clean (no Node module, no /testing code), but not run: ${chromium?.skipped ?? "no chromium"}`,
    });
  }
  try {
    const report = await runBundleInChromium(chromium.binary, build.file, vendors, timeoutMs);
    const verdict = judge(report.checks, report.runtime);
    return outcome(
      verdict.status === "PASS"
        ? { ...verdict, detail: `${built}, no Node module, no /testing code; ${verdict.detail}` }
        : verdict,
    );
  } catch (error) {
    return outcome({ status: "FAIL", detail: error instanceof Error ? error.message : String(error) });
  }
}
