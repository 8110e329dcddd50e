/**
 * Every ```ts runnable block in a package README is executed, as a user would run it, against the
 * built package (so `pnpm build` must have run). Docs that drift from the code fail here.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const packagesDir = fileURLToPath(new URL("../packages/", import.meta.url));

const examples = readdirSync(packagesDir).flatMap((name) => {
  let readme: string;
  try {
    readme = readFileSync(join(packagesDir, name, "README.md"), "utf8");
  } catch {
    return [];
  }
  return [...readme.matchAll(/```ts runnable\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `${name} README example ${index + 1}`,
    dir: join(packagesDir, name),
    code: match[1] ?? "",
  }));
});

it("finds runnable examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(4);
});

it.each(examples)("$name runs", async ({ dir, code }) => {
  // Written inside the package so the package can import itself by name, as a consumer would.
  const file = join(dir, `.readme-example-${process.pid}.mts`);
  await writeFile(file, code);
  try {
    const { stderr } = await run(process.execPath, ["--import", "tsx", file], { cwd: dir, timeout: 20_000 });
    expect(stderr).toBe("");
  } finally {
    await rm(file, { force: true });
  }
});
