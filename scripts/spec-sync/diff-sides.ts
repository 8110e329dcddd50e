/**
 * The two documents `pnpm spec-diff` compares, each bundled into one document first (a change in a
 * file the entry references is a change of the document): a vendor's `specs/` copy at a git ref and
 * in the working tree, whatever its layout (`.yaml`, `.json` or a folder), or two documents given by
 * path. JSON is parsed with `JSON.parse`, never the YAML parser (which takes seconds on a large one).
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { followDocument } from "./document-files.ts";
import { bundledSpec, type SpecFiles } from "./spec-layout.ts";

const ENTRY_NAMES = ["openapi.yaml", "openapi.yml", "openapi.json"];

/** Reads a document from its entry through every relative `$ref`, and bundles it into one. */
async function bundleFrom(entry: string, read: (path: string) => Promise<string>): Promise<unknown> {
  const document = await followDocument(pathToFileURL(entry), { read: (url) => read(fileURLToPath(url)) });
  const multiFile = document.files.size > 1;
  const spec: SpecFiles = {
    layout: multiFile ? "folder" : extname(entry) === ".json" ? "json" : "yaml",
    base: dirname(entry),
    document,
  };
  return bundledSpec(spec);
}

/** A document given by path: a file, or a folder holding `openapi.yaml`/`.yml`/`.json`. */
export async function documentAtPath(path: string): Promise<unknown> {
  let entry = resolve(path);
  if ((await stat(entry)).isDirectory()) {
    const names = await Promise.all(
      ENTRY_NAMES.map(async (name) => ((await stat(join(entry, name)).catch(() => undefined))?.isFile() ? name : "")),
    );
    const found = names.find((name) => name !== "");
    if (!found) throw new Error(`${path}: a folder given to spec-diff must hold ${ENTRY_NAMES.join(", ")}`);
    entry = join(entry, found);
  }
  return bundleFrom(entry, (file) => readFile(file, "utf8"));
}

/** Whether `arg` names an existing file or folder (the two-document mode's arguments). */
export async function isPath(arg: string): Promise<boolean> {
  return (await stat(arg).catch(() => undefined)) !== undefined;
}

/** The document whose entry is `specEntry` (relative to `root`) in the working tree. */
export function documentInTree(root: string, specEntry: string): Promise<unknown> {
  return bundleFrom(join(root, specEntry), (file) => readFile(file, "utf8"));
}

/** The same document as committed at `ref`, or `undefined` when its entry did not exist there. */
export async function documentAtRef(root: string, specEntry: string, ref: string): Promise<unknown> {
  const show = async (file: string) => {
    const path = relative(root, file).split("\\").join("/");
    const result = await runAllowingFailure("git", ["show", `${ref}:${path}`], { cwd: root, env: cleanEnv() });
    if (result.code !== 0) throw new Error(`${path} is not in ${ref}`);
    return result.stdout;
  };
  const entry = join(root, specEntry);
  const exists = await runAllowingFailure("git", ["cat-file", "-e", `${ref}:${specEntry}`], {
    cwd: root,
    env: cleanEnv(),
  });
  if (exists.code !== 0) return undefined;
  return bundleFrom(entry, show);
}

/** How a path reads in a report: as given, or by its file name when it is long. */
export function shortName(path: string): string {
  return path.length > 60 ? basename(path) : path;
}
