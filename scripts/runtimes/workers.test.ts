import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { probeWorkerd } from "./workers.ts";

/** A scratch tools folder with a `workerd` package whose main module is `main` (it names the binary, or throws). */
async function fakeWorkerd(dir: string, main: string): Promise<void> {
  await writeFile(join(dir, "package.json"), "{}");
  const pkg = join(dir, "node_modules", "workerd");
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, "package.json"), JSON.stringify({ name: "workerd", main: "main.js" }));
  await writeFile(join(pkg, "main.js"), main);
}

describe("probeWorkerd: why the Workers consumer is skipped", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "workerd-probe-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("says workerd is not installed", async () => {
    await writeFile(join(dir, "package.json"), "{}");
    const result = await probeWorkerd(dir);
    expect("skipped" in result && result.skipped).toMatch(
      /^workerd has no binary for \S+: Cannot find module 'workerd'/,
    );
  });

  it("passes on workerd's own reason when its platform package is missing", async () => {
    await fakeWorkerd(
      dir,
      `throw new Error("\\nThe package \\"@cloudflare/workerd-linux-64\\" could not be found, and is needed by workerd.\\n\\nmore");`,
    );
    const result = await probeWorkerd(dir);
    expect("skipped" in result && result.skipped).toMatch(
      /^workerd has no binary for \S+: The package "@cloudflare\/workerd-linux-64" could not be found/,
    );
  });

  it("says the binary does not start, with what it printed", async () => {
    const binary = join(dir, "workerd-bin");
    await writeFile(binary, "#!/bin/sh\necho 'GLIBC_2.99 not found' >&2\nexit 1\n");
    await chmod(binary, 0o755);
    await fakeWorkerd(dir, `exports.default = ${JSON.stringify(binary)};`);
    const result = await probeWorkerd(dir);
    expect("skipped" in result && result.skipped).toMatch(/does not start on \S+: .*GLIBC_2\.99 not found/);
  });

  it("reports the version of a binary that starts", async () => {
    const binary = join(dir, "workerd-bin");
    await writeFile(binary, "#!/bin/sh\necho 'workerd 2026-04-26'\n");
    await chmod(binary, 0o755);
    await fakeWorkerd(dir, `exports.default = ${JSON.stringify(binary)};`);
    expect(await probeWorkerd(dir)).toEqual({ version: "workerd 2026-04-26" });
  });
});
