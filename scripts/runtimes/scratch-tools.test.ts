import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isComplete, scratchTools, TOOL_VERSIONS, toolsFolder } from "./scratch-tools.ts";

const versions = JSON.stringify(TOOL_VERSIONS);

/** A tools folder as an install leaves it: every tool's manifest, then the marker. */
async function installedFolder(dir: string, marker: string | undefined): Promise<void> {
  for (const name of Object.keys(TOOL_VERSIONS)) {
    await mkdir(join(dir, "node_modules", name), { recursive: true });
    await writeFile(join(dir, "node_modules", name, "package.json"), "{}");
  }
  if (marker !== undefined) await writeFile(join(dir, "installed.json"), marker);
}

describe("the scratch tools folder", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "scratch-tools-test-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("counts as installed only with the marker of exactly these versions and every tool present", async () => {
    const dir = join(root, "tools");
    await installedFolder(dir, undefined);
    expect(await isComplete(dir, versions)).toBe(false); // npm was interrupted before the marker
    await writeFile(join(dir, "installed.json"), JSON.stringify({ ...TOOL_VERSIONS, vite: "0.0.1" }));
    expect(await isComplete(dir, versions)).toBe(false); // another version set
    await writeFile(join(dir, "installed.json"), versions);
    expect(await isComplete(dir, versions)).toBe(true);
    await rm(join(dir, "node_modules", "webpack"), { recursive: true });
    expect(await isComplete(dir, versions)).toBe(false); // a temp cleaner took part of it
  });

  it("is reused, with nothing installed, when complete", async () => {
    const dir = toolsFolder(root);
    await installedFolder(dir, versions);
    expect(await scratchTools(root)).toEqual({ dir, reused: true });
    expect(await readdir(root)).toEqual([basename(dir)]);
  });
});
