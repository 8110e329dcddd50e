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

/** What is wrong with the control build's findings; empty when they name what they must. */
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

/** The scenario in Chromium, for a build that came out clean. */
async function runBuild(
  build: BrowserBuild,
  chromium: Runtime | undefined,
  vendors: readonly LoadedVendor[],
  timeoutMs: number,
): Promise<Pick<Outcome, "status" | "detail">> {
  if (build.problems.length > 0) return { status: "FAIL", detail: build.problems.join("; ") };
  if (chromium?.binary === undefined) {
    return {
      status: "SKIPPED",
      detail: `built clean (no Node module, no /testing code), but not run: ${chromium?.skipped ?? "no chromium"}`,
    };
  }
  try {
    const report = await runBundleInChromium(chromium.binary, build.file, vendors, timeoutMs);
    return judge(report.checks, report.runtime);
  } catch (error) {
    return { status: "FAIL", detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Builds one after another (they share two cores with the rest of the matrix); each build's
 * Chromium run starts as soon as it is written, and the control builds come last, off that path.
 */
export async function runBundlerConsumers(
  tools: ScratchTools,
  app: string,
  vendors: readonly LoadedVendor[],
  chromium: Runtime | undefined,
  timeoutMs: number,
): Promise<Outcome[]> {
  const entries = await writeEntries(app, vendors);
  const runs: { build: BrowserBuild; verdict: Promise<Pick<Outcome, "status" | "detail">>; ms: Promise<number> }[] = [];
  for (const bundler of BUNDLERS) {
    const build = await buildForBrowser(tools, bundler, app, entries.app, join(app, `dist-${bundler}`));
    const started = performance.now();
    const verdict = runBuild(build, chromium, vendors, timeoutMs);
    runs.push({ build, verdict, ms: verdict.then(() => build.ms + performance.now() - started) });
  }
  const controls: BrowserBuild[] = [];
  for (const bundler of BUNDLERS) {
    controls.push(await buildForBrowser(tools, bundler, app, entries.control, join(app, `control-${bundler}`)));
  }
  return Promise.all(
    runs.map(async ({ build, verdict, ms }, index) => {
      const control = controls[index];
      const gaps = control ? gapsOf(control) : ["no control build"];
      const result = await verdict;
      const built = `built in ${(build.ms / 1000).toFixed(1)} s (control ${((control?.ms ?? 0) / 1000).toFixed(1)} s)`;
      const judged: Pick<Outcome, "status" | "detail"> =
        gaps.length > 0
          ? { status: "FAIL", detail: [...build.problems, ...gaps.map((gap) => `control: ${gap}`)].join("; ") }
          : result.status === "PASS"
            ? { ...result, detail: `${built}, no Node module, no /testing code; ${result.detail}` }
            : result;
      return {
        name: `${build.bundler} ${build.version} browser build → chromium`,
        ...(chromium?.version === undefined ? {} : { version: chromium.version }),
        ...judged,
        ms: Math.round(await ms),
      };
    }),
  );
}
