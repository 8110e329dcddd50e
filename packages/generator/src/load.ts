/**
 * Finding a vendor's document in `specs/`, refusing what cannot be generated, and bundling a
 * multi-file document into one. The files themselves are only read, never rewritten.
 *
 * A vendor's document is `specs/<vendor>.yaml`, `.yml` or `.json`, or a folder `specs/<vendor>/`
 * whose entry is `openapi.yaml|yml|json` when present, else the one top-level file in the folder
 * with an `openapi` (or `swagger`) key. Its overlay, when it has one, is
 * `specs/<vendor>.overlay.yaml|yml|json` beside it.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { parse as parseYaml } from "yaml";
import { isObject, type JsonObject } from "./json.ts";
import { overlayAsksStrict } from "./overlay.ts";
import { SpecProblem, type Warn } from "./problems.ts";
import { type Finding, findProblems, settleFindings } from "./validation.ts";

const DOCUMENT_EXTENSIONS = [".yaml", ".yml", ".json"];
const OVERLAY_SUFFIX = /\.overlay\.(ya?ml|json)$/;

export interface SpecSource {
  readonly vendor: string;
  /** Absolute path of the entry file. */
  readonly entry: string;
  /** The entry as a person reads it in messages and banners, e.g. `specs/archil.yaml`. */
  readonly display: string;
  /** Absolute path of the document's file or folder (what turbo should watch). */
  readonly location: string;
  /** Absolute path of the overlay beside it, when there is one. */
  readonly overlay: string | undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

async function parseFile(path: string, display: string): Promise<unknown> {
  const text = await readFile(path, "utf8");
  try {
    return parseYaml(text, { prettyErrors: false, maxAliasCount: -1 });
  } catch (error) {
    throw new SpecProblem(
      display,
      "",
      `cannot be parsed as YAML or JSON (${(error as Error).message.split("\n")[0]})`,
      "Fix the syntax; YAML and JSON documents are both accepted.",
    );
  }
}

async function entryOfFolder(folder: string, display: string): Promise<string> {
  const names = (await readdir(folder)).filter((name) => DOCUMENT_EXTENSIONS.includes(extname(name))).sort();
  const conventional = ["openapi.yaml", "openapi.yml", "openapi.json"].find((name) => names.includes(name));
  if (conventional) return join(folder, conventional);
  const candidates: string[] = [];
  for (const name of names) {
    const parsed = await parseFile(join(folder, name), `${display}/${name}`).catch(() => undefined);
    if (isObject(parsed) && ("openapi" in parsed || "swagger" in parsed)) candidates.push(name);
  }
  const [only] = candidates;
  if (candidates.length !== 1 || only === undefined) {
    throw new SpecProblem(
      display,
      "",
      candidates.length === 0
        ? "has no top-level file with an `openapi` key"
        : `has several top-level documents (${candidates.join(", ")})`,
      "Name the entry file `openapi.yaml` (or `.yml`, `.json`) so the generator knows where the document starts.",
    );
  }
  return join(folder, only);
}

/** Every vendor document in `specsDir`, sorted by vendor name. */
export async function findSpecs(specsDir: string, root = join(specsDir, "..")): Promise<SpecSource[]> {
  const names = (await readdir(specsDir)).sort();
  const sources: SpecSource[] = [];
  for (const name of names) {
    if (name.startsWith(".") || OVERLAY_SUFFIX.test(name)) continue;
    const location = join(specsDir, name);
    const folder = await isDirectory(location);
    if (!folder && !DOCUMENT_EXTENSIONS.includes(extname(name))) continue;
    const vendor = folder ? name : basename(name, extname(name));
    const display = relative(root, location).split("\\").join("/");
    const entry = folder ? await entryOfFolder(location, display) : location;
    const overlayName = names.find((other) => other.startsWith(`${vendor}.overlay.`) && OVERLAY_SUFFIX.test(other));
    sources.push({
      vendor,
      entry,
      display: folder ? `${display}/${basename(entry)}` : display,
      location,
      overlay: overlayName === undefined ? undefined : join(specsDir, overlayName),
    });
  }
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.vendor)) {
      throw new SpecProblem(
        `specs/${source.vendor}`,
        "",
        "is given twice (as a file and a folder, or in two formats)",
        "Keep exactly one document per vendor in specs/.",
      );
    }
    seen.add(source.vendor);
  }
  return sources;
}

/**
 * Refuses what is not OpenAPI 3.0 or 3.1. A version without its patch number (`openapi: "3.0"`)
 * is not valid, but says which version it is, and openapi-typescript reads it: a finding that
 * does not block (only strict validation stops over it).
 */
function refuseUnsupportedVersion(parsed: unknown, display: string): Finding | undefined {
  if (!isObject(parsed)) {
    throw new SpecProblem(
      display,
      "",
      "is not an OpenAPI document (not an object)",
      "Point it at an OpenAPI 3.0 or 3.1 document.",
    );
  }
  if ("swagger" in parsed) {
    throw new SpecProblem(
      display,
      "#/swagger",
      `is a Swagger ${String(parsed.swagger)} document; only OpenAPI 3.0 and 3.1 are supported`,
      "Convert it first (for example `npx swagger2openapi <file> -o openapi.yaml`) and put the OpenAPI 3 result in specs/.",
    );
  }
  const version = parsed.openapi;
  if (typeof version === "string" && /^3\.[01]$/.test(version)) {
    return {
      file: display,
      pointer: "#/openapi",
      problems: [`The version \`${version}\` has no patch number (\`${version}.0\`, for one).`],
      suggest: [],
      blocking: false,
      reason: `tolerated: read as OpenAPI ${version}, as openapi-typescript reads it`,
    };
  }
  if (typeof version !== "string" || !/^3\.[01]\.\d+/.test(version)) {
    throw new SpecProblem(
      display,
      "#/openapi",
      typeof version === "string" ? `declares OpenAPI ${version}` : "has no `openapi` version field",
      "The generator reads OpenAPI 3.0.x and 3.1.x documents; set `openapi: 3.0.3` or `3.1.0` as the document's version.",
    );
  }
  return undefined;
}

export interface LoadOptions {
  /** Every validation problem stops generation, not only those that would make the package wrong. */
  readonly strict?: boolean;
}

/**
 * What is wrong with a vendor's document, classified (see validation.ts), and whether its
 * validation is strict (asked for here or by `x-sdkforge-strict: true` in its overlay). Refuses
 * outright what is not OpenAPI 3.0 or 3.1.
 */
export async function validateDocument(
  source: SpecSource,
  root: string,
  options: LoadOptions = {},
): Promise<{ findings: Finding[]; strict: boolean }> {
  const version = refuseUnsupportedVersion(await parseFile(source.entry, source.display), source.display);
  const strict = options.strict === true || (await overlayAsksStrict(source.overlay, root));
  const findings = await findProblems(source.entry, source.display, root);
  return { findings: version ? [version, ...findings] : findings, strict };
}

/**
 * Reads, validates and bundles a vendor's document into one object whose `$ref`s are all local.
 * A problem that would make the generated package wrong stops it with the file and pointer; any
 * other is reported once through `warn`, and the document is still loaded.
 */
export async function loadDocument(
  source: SpecSource,
  root: string,
  warn: Warn,
  options: LoadOptions = {},
): Promise<JsonObject> {
  const { findings, strict } = await validateDocument(source, root, options);
  settleFindings(findings, strict, warn);
  const config = await createConfig({});
  const bundled = await bundle({ ref: source.entry, config, dereference: false });
  const parsed: unknown = bundled.bundle.parsed;
  if (!isObject(parsed)) {
    throw new SpecProblem(source.display, "", "bundled into something that is not an object", "Check the entry file.");
  }
  return parsed;
}
