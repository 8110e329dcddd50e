/**
 * Turbo restores a cached build by writing the cached files over whatever `dist/` holds; it never
 * removes files. A chunk left by an earlier build (another source version, another hash in its
 * name) would then be published next to the restored ones. The workspace's answer: every build
 * depends on an uncached `clean` task that empties `dist/` first, so a restore lands in an empty
 * folder. This proves it with the repository's own turbo.json and clean script on a scratch
 * workspace, and proves the test itself can fail by removing that dependency.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cleanEnv, run } from "./run.ts";
import { findVendors, REPO_ROOT } from "./vendors.ts";

interface TurboConfig {
  tasks: Record<string, { dependsOn?: string[] }>;
}

const turbo = join(REPO_ROOT, "node_modules", ".bin", "turbo");
// Writes one chunk whose name carries a hash of the source, after emptying dist/ (as tsdown does).
const BUILD_SCRIPT = `import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
const source = readFileSync("src/index.js", "utf8");
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");
writeFileSync(\`dist/chunk-\${createHash("sha1").update(source).digest("hex").slice(0, 8)}.js\`, source);
`;

let work: string;
let cleanScript: string;
let realConfig: TurboConfig;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "build-outputs-"));
  realConfig = JSON.parse(await readFile(join(REPO_ROOT, "turbo.json"), "utf8")) as TurboConfig;
  const scripts = await Promise.all(
    ["packages/core", ...findVendors().map((vendor) => vendor.packageDir)].map(async (dir) => {
      const manifest = JSON.parse(await readFile(join(REPO_ROOT, dir, "package.json"), "utf8"));
      return (manifest as { scripts?: Record<string, string> }).scripts?.clean;
    }),
  );
  expect(new Set(scripts).size, "every published package has the same clean script").toBe(1);
  cleanScript = scripts[0] ?? "";
  expect(cleanScript).toContain("dist");
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function scratchWorkspace(name: string, config: TurboConfig): Promise<(version: number) => Promise<string[]>> {
  const root = join(work, name);
  const lib = join(root, "packages", "lib");
  await mkdir(join(lib, "src"), { recursive: true });
  await writeFile(join(root, "turbo.json"), JSON.stringify(config));
  await writeFile(join(root, "package.json"), JSON.stringify({ name, private: true, packageManager: "pnpm@10.34.9" }));
  await writeFile(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n');
  await writeFile(
    join(lib, "package.json"),
    JSON.stringify({ name: "lib", version: "0.0.0", scripts: { clean: cleanScript, build: "node build.mjs" } }),
  );
  await writeFile(join(lib, "build.mjs"), BUILD_SCRIPT);
  const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" });
  return async (version) => {
    await writeFile(join(lib, "src", "index.js"), `export const version = ${version};\n`);
    await run(turbo, ["run", "build", "--output-logs=none"], { cwd: root, env, timeoutMs: 60_000 });
    return (await readdir(join(lib, "dist"))).sort();
  };
}

it("a cache restore leaves exactly the restored build in dist/", async () => {
  const build = await scratchWorkspace("with-clean", realConfig);
  const first = await build(1);
  const second = await build(2);
  expect(first).toHaveLength(1);
  expect(second).toHaveLength(1);
  expect(second).not.toEqual(first);
  // Back to version 1: a cache hit, restored into a dist/ that held version 2's chunk.
  expect(await build(1)).toEqual(first);
  expect(await build(2)).toEqual(second);
}, 60_000);

it("without the clean dependency the same steps leave a stale chunk (the test can fail)", async () => {
  const withoutClean: TurboConfig = structuredClone(realConfig);
  const buildTask = withoutClean.tasks.build;
  expect(buildTask?.dependsOn).toContain("clean");
  if (buildTask) buildTask.dependsOn = (buildTask.dependsOn ?? []).filter((task) => task !== "clean");
  const build = await scratchWorkspace("without-clean", withoutClean);
  const first = await build(1);
  const second = await build(2);
  expect((await build(1)).sort()).toEqual([...first, ...second].sort());
}, 60_000);
