/**
 * Every package README's ```sh install-from-checkout block is run as written (from the repository
 * root, with `PROJECT` a fresh project folder), so the install instructions given while the
 * packages are not on npm are the ones proven to work: both tarballs install together, with one
 * copy of core, and the package then imports. Needs built packages (`pnpm build`).
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../", import.meta.url));
const packagesDir = join(root, "packages");

const blocks = readdirSync(packagesDir).flatMap((name) => {
  let readme: string;
  try {
    readme = readFileSync(join(packagesDir, name, "README.md"), "utf8");
  } catch {
    return [];
  }
  const manifest = JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")) as { name: string };
  return [...readme.matchAll(/```sh install-from-checkout\n([\s\S]*?)```/g)].map((match) => ({
    packageName: manifest.name,
    script: match[1] ?? "",
  }));
});

it("finds install instructions for every published vendor package", () => {
  expect(blocks.length).toBeGreaterThan(0);
});

it.each(blocks)(
  "$packageName: the README's install-from-checkout commands work",
  { timeout: 180_000 },
  async ({ packageName, script }) => {
    const project = await mkdtemp(join(tmpdir(), "sdkforge-install-"));
    try {
      await writeFile(join(project, "package.json"), JSON.stringify({ name: "install-check", private: true }));
      await run("sh", ["-e", "-c", script], {
        cwd: root,
        env: { ...process.env, PROJECT: project, npm_config_audit: "false", npm_config_fund: "false" },
        timeout: 170_000,
      });
      const installed = JSON.parse(await readFile(join(project, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      expect(Object.keys(installed.dependencies ?? {}).sort()).toEqual(["@sdkforge/core", packageName].sort());
      // One copy of core, shared with the vendor package: `instanceof` on its errors depends on it.
      const nested = await readdir(join(project, "node_modules", ...packageName.split("/"), "node_modules")).catch(
        () => [],
      );
      expect(nested).not.toContain("@sdkforge");
      const { stdout } = await run(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(packageName)}); console.log(typeof m.APIError);`,
        ],
        { cwd: project },
      );
      expect(stdout.trim()).toBe("function");
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  },
);
