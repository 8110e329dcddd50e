/**
 * Builds an app entry for the browser with Vite, webpack and Rollup, the way an app developer's
 * project would (each bundler's own browser resolution of the installed packages, no
 * polyfills), and names everything Node-only that ends up in the output. Each bundler's module
 * resolution is watched for Node built-ins, with the importer named; the written file is then
 * scanned (bundle-scan.ts) for Node modules and `/testing` code.
 */
import { readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { isNodeBuiltin, scanBrowserBundle } from "./bundle-scan.ts";
import { type ResolvePlugin, type ScratchTools, TOOL_VERSIONS, type WebpackCompiler } from "./scratch-tools.ts";

export const BUNDLERS = ["vite", "webpack", "rollup"] as const;
export type Bundler = (typeof BUNDLERS)[number];

export interface BrowserBuild {
  readonly bundler: Bundler;
  readonly version: string;
  /** One ES module that a page loads with `<script type="module">`. */
  readonly file: string;
  /** Empty when the build succeeded and the output is clean. */
  readonly problems: readonly string[];
  readonly ms: number;
}

/** Collects each Node built-in a bundler was asked to resolve, with the module that asked. */
class NodeModuleWatch {
  private readonly seen = new Map<string, string>();
  constructor(private readonly app: string) {}
  note(request: string, importer: string | undefined): void {
    if (!this.seen.has(request)) this.seen.set(request, importer ? relative(this.app, importer) : "the entry");
  }
  problems(): string[] {
    return [...this.seen].map(([request, importer]) => `pulls the Node module ${request} (imported by ${importer})`);
  }
  /** For Vite and Rollup: a built-in is kept out (external), so the build goes on and every one is named. */
  resolvePlugin(): ResolvePlugin {
    return {
      name: "sdkforge-node-module-watch",
      enforce: "pre",
      resolveId: (source, importer) => {
        if (!isNodeBuiltin(source)) return null;
        this.note(source, importer);
        return { id: source, external: true };
      },
    };
  }
  webpackPlugin() {
    return {
      apply: (compiler: WebpackCompiler) => {
        compiler.hooks.normalModuleFactory.tap("sdkforge-node-module-watch", (factory) => {
          factory.hooks.beforeResolve.tap("sdkforge-node-module-watch", (data) => {
            if (!isNodeBuiltin(data.request)) return undefined;
            this.note(data.request, data.contextInfo.issuer);
            return false;
          });
        });
      },
    };
  }
}

const firstLines = (text: string) => text.trim().split("\n").slice(0, 6).join(" | ");

/** Each bundler writes `outDir/smoke.js` and returns what it reported that a browser could not load. */
type BuildFunction = (tools: ScratchTools, entry: string, outDir: string, watch: NodeModuleWatch) => Promise<string[]>;

const buildWithVite: BuildFunction = async (tools, entry, outDir, watch) => {
  await tools.viteBuild({
    configFile: false,
    root: outDir,
    logLevel: "error",
    plugins: [watch.resolvePlugin()],
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      target: "es2022",
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: { input: entry, output: { entryFileNames: "smoke.js", format: "es" } },
    },
  });
  return [];
};

const buildWithWebpack: BuildFunction = async (tools, entry, outDir, watch) => {
  const config = {
    mode: "production",
    target: "web",
    context: outDir,
    entry,
    devtool: false,
    output: { path: outDir, filename: "smoke.js", module: true, chunkFormat: "module" },
    experiments: { outputModule: true },
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [watch.webpackPlugin()],
  };
  const errors = await new Promise<string[]>((resolve, reject) => {
    const compiler = tools.webpack(config, (error, stats) => {
      compiler.close(() => {
        if (error) reject(error);
        else resolve((stats?.toJson({ all: false, errors: true }).errors ?? []).map((e) => e.message));
      });
    });
  });
  return errors.map((message) => `webpack: ${firstLines(message)}`);
};

const buildWithRollup: BuildFunction = async (tools, entry, outDir, watch) => {
  const unresolved: string[] = [];
  const bundle = await tools.rollup({
    input: entry,
    plugins: [watch.resolvePlugin(), tools.nodeResolve({ browser: true, preferBuiltins: false })],
    onwarn: (warning: { code?: string; message: string }) => {
      // An import Rollup could not resolve is left in the output, where a browser cannot load it.
      if (warning.code === "UNRESOLVED_IMPORT") unresolved.push(`rollup: ${warning.message}`);
    },
  });
  try {
    await bundle.write({ file: join(outDir, "smoke.js"), format: "es" });
  } finally {
    await bundle.close();
  }
  return unresolved;
};

const BUILD: Readonly<Record<Bundler, BuildFunction>> = {
  vite: buildWithVite,
  webpack: buildWithWebpack,
  rollup: buildWithRollup,
};

/** Builds `entry` (which imports the installed packages from `app`) into `outDir/smoke.js`. */
export async function buildForBrowser(
  tools: ScratchTools,
  bundler: Bundler,
  app: string,
  entry: string,
  outDir: string,
): Promise<BrowserBuild> {
  const begin = performance.now();
  const file = join(outDir, "smoke.js");
  const watch = new NodeModuleWatch(app);
  const problems: string[] = [];
  await rm(outDir, { recursive: true, force: true });
  try {
    problems.push(...(await BUILD[bundler](tools, entry, outDir, watch)));
  } catch (error) {
    problems.push(`${bundler} failed: ${firstLines(error instanceof Error ? error.message : String(error))}`);
  }
  problems.unshift(...watch.problems());
  const output = await readFile(file, "utf8").catch(() => undefined);
  if (output === undefined) problems.push(`${bundler} wrote no ${relative(app, file)}`);
  else problems.push(...scanBrowserBundle(output));
  return { bundler, version: TOOL_VERSIONS[bundler], file, problems, ms: Math.round(performance.now() - begin) };
}
