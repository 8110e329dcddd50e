/**
 * `pnpm new-vendor <name> --spec <file|folder> [--source <url>] [<name> --spec … ]`: adds one vendor,
 * or several at once, in one step, without prompts.
 *   1. copies each document byte for byte into `specs/` — one file as `specs/<name>.<ext>`, a
 *      document whose files are joined by relative `$ref`s (or a folder) as `specs/<name>/`;
 *   2. writes `packages/<name>/` as `@sdkforge/<name>` (see lib/vendor-template.ts) and a changeset,
 *      and with `--source <url>` a `spec-sources.yaml` that lets `pnpm sync-specs` follow the vendor;
 *   3. makes each package a dependency of the suites that span vendors (conformance, bench), so
 *      turbo builds it before they run;
 *   4. runs `pnpm install` once (which links the packages and adds them to pnpm-lock.yaml), and
 *      `pnpm generate` once for all of them, passing on its warnings (problems with a document
 *      that do not stop generation) on stderr;
 *   5. builds the packages and writes their API reports (`packages/<name>/api-report/`).
 * Afterwards `pnpm test` covers the new vendors everywhere; commit pnpm-lock.yaml with the rest.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { run } from "./lib/run.ts";
import { type ClientSurface, changeset, readme, vendorNames, vendorPackageFiles } from "./lib/vendor-template.ts";
import { REPO_ROOT } from "./lib/vendors.ts";
import { hasFileReferences } from "./spec-sync/document-files.ts";

const DOCUMENT_EXTENSIONS = [".yaml", ".yml", ".json"];
/** The packages that run every vendor, and so must depend on each. */
const SPANNING_PACKAGES = ["packages/conformance", "packages/bench"];

class UsageError extends Error {}

/** An https URL, or an http one on this machine (a local mirror of the vendor's site). */
function isDocumentUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  return url.protocol === "https:" || (url.protocol === "http:" && loopback);
}

interface VendorRequest {
  readonly name: string;
  readonly spec: string;
  /** Where the vendor publishes the document (`--source <url>`), for `pnpm sync-specs`. */
  readonly source: string | undefined;
}

interface Arguments {
  readonly vendors: readonly VendorRequest[];
  readonly root: string;
}

const USAGE = "usage: pnpm new-vendor <name> --spec <file|folder> [--source <url>] [<name> --spec <file|folder> …]";

/** Each `--spec` and `--source` belongs to the name before it. */
function parseArguments(argv: readonly string[]): Arguments {
  const given: { name: string; spec?: string | undefined; source?: string | undefined }[] = [];
  let root = REPO_ROOT;
  const set = (option: "spec" | "source", value: string | undefined) => {
    const vendor = given.at(-1);
    if (!vendor) throw new UsageError(`--${option} must follow the vendor name it is for`);
    if (vendor[option] !== undefined) throw new UsageError(`--${option} is given twice for ${vendor.name}`);
    vendor[option] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--spec") set("spec", argv[++i]);
    else if (arg.startsWith("--spec=")) set("spec", arg.slice("--spec=".length));
    else if (arg === "--source") set("source", argv[++i]);
    else if (arg.startsWith("--source=")) set("source", arg.slice("--source=".length));
    else if (arg.startsWith("--root=")) root = resolve(arg.slice("--root=".length));
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else given.push({ name: arg });
  }
  if (given.length === 0) throw new UsageError("expected a name and --spec <file|folder>");
  // pnpm runs scripts from the workspace root; INIT_CWD is where the user typed the command.
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm itself, not an input of any task.
  const from = process.env.INIT_CWD ?? process.cwd();
  const vendors = given.map(({ name, spec, source }) => {
    if (!spec) throw new UsageError(`expected --spec <file|folder> after ${name}`);
    if (source !== undefined && !isDocumentUrl(source)) {
      throw new UsageError(
        `--source must be the https:// URL of the vendor's published document (http:// only on a loopback address), got "${source}"`,
      );
    }
    if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name)) {
      throw new UsageError(
        `"${name}" is not a usable package name: lower-case letters and digits, words joined by "-"`,
      );
    }
    return { name, spec: resolve(from, spec), source };
  });
  const names = vendors.map((vendor) => vendor.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`${repeated} is named twice`);
  return { vendors, root };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The parsed top level of a YAML or JSON document (JSON is YAML). */
function parseDocument(text: string, file: string): Record<string, unknown> {
  try {
    const parsed: unknown = parseYaml(text, { maxAliasCount: -1 });
    if (parsed && typeof parsed === "object") return parsed as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${file} cannot be parsed as YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  throw new UsageError(`${file} is not an OpenAPI document (no top-level object)`);
}

interface Source {
  /** The entry file the user named (or found in the folder). */
  readonly entry: string;
  /** The folder to copy whole, when the document spans files. */
  readonly folder: string | undefined;
}

async function locate(spec: string): Promise<Source> {
  if (!(await exists(spec))) throw new UsageError(`${spec} does not exist`);
  if ((await stat(spec)).isDirectory()) {
    const names = (await readdir(spec)).filter((name) => DOCUMENT_EXTENSIONS.includes(extname(name))).sort();
    const entries: string[] = [];
    for (const name of names) {
      const text = await readFile(join(spec, name), "utf8");
      if (/^(?:openapi|swagger)\s*:|^\s*\{?\s*"(?:openapi|swagger)"\s*:/m.test(text.slice(0, 4096))) entries.push(name);
    }
    const conventional = names.find((name) => /^openapi\.(ya?ml|json)$/.test(name));
    const entry = conventional ?? (entries.length === 1 ? entries[0] : undefined);
    if (!entry) {
      throw new UsageError(
        `${spec} has ${entries.length === 0 ? "no" : "several"} top-level OpenAPI documents; name the entry openapi.yaml or pass --spec <entry file>`,
      );
    }
    return { entry: join(spec, entry), folder: spec };
  }
  if (!DOCUMENT_EXTENSIONS.includes(extname(spec)))
    throw new UsageError(`${spec}: expected a .yaml, .yml or .json file`);
  const document = parseDocument(await readFile(spec, "utf8"), spec);
  return { entry: spec, folder: hasFileReferences(document) ? dirname(spec) : undefined };
}

async function addDependency(root: string, packageDir: string, packageName: string): Promise<void> {
  const file = join(root, packageDir, "package.json");
  const manifest = JSON.parse(await readFile(file, "utf8")) as { devDependencies?: Record<string, string> };
  const devDependencies = { ...manifest.devDependencies, [packageName]: "workspace:*" };
  manifest.devDependencies = Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

interface Added {
  readonly name: string;
  readonly packageName: string;
  readonly packageDir: string;
  readonly names: ReturnType<typeof vendorNames>;
}

interface Located {
  readonly request: VendorRequest;
  readonly source: Source;
  readonly document: Record<string, unknown>;
}

/** Finds and reads a vendor's document, refusing what is not OpenAPI 3, before anything is written. */
async function locateVendor(request: VendorRequest): Promise<Located> {
  const source = await locate(request.spec);
  const document = parseDocument(await readFile(source.entry, "utf8"), source.entry);
  if (!("openapi" in document)) {
    throw new UsageError(
      `${source.entry} is not an OpenAPI 3 document${"swagger" in document ? " (it is Swagger 2.0: convert it first, e.g. `npx swagger2openapi`)" : ""}`,
    );
  }
  return { request, source, document };
}

/** Steps 1 to 3 for one vendor: its document, its package and changeset, and the suites' dependencies on it. */
async function addVendor(root: string, { request, source, document }: Located): Promise<Added> {
  const { name } = request;
  const packageDir = join(root, "packages", name);
  const specs = join(root, "specs");

  // 1. The document, byte for byte.
  let copied: string;
  if (source.folder) {
    await cp(source.folder, join(specs, name), { recursive: true, errorOnExist: true, force: false });
    copied = `specs/${name}/ (entry ${relative(source.folder, source.entry)})`;
  } else {
    const target = join(specs, `${name}${extname(source.entry)}`);
    await cp(source.entry, target, { errorOnExist: true, force: false });
    copied = relative(root, target);
  }

  // 2. The package and its changeset.
  const info = document.info as { title?: unknown } | undefined;
  const names = vendorNames(name, typeof info?.title === "string" ? info.title : `${name} API`);
  const files = vendorPackageFiles(names);
  for (const [file, contents] of Object.entries(files)) {
    await mkdir(dirname(join(packageDir, file)), { recursive: true });
    await writeFile(join(packageDir, file), contents);
  }
  await cp(join(root, "packages", "core", "LICENSE"), join(packageDir, "LICENSE"));
  await writeFile(join(root, ".changeset", `${name}-first-release.md`), changeset(names));
  if (request.source !== undefined) {
    const sources = `# Where specs/${name} comes from (read by \`pnpm sync-specs\`): the vendor's published document.\nsources:\n  - document: ${JSON.stringify(request.source)}\n`;
    await writeFile(join(packageDir, "spec-sources.yaml"), sources);
  }

  // 3. The suites that span vendors depend on it.
  for (const dir of SPANNING_PACKAGES) await addDependency(root, dir, names.packageName);
  console.log(
    `new-vendor: ${basename(request.spec)} → ${copied}; packages/${name} (${names.packageName}, class ${names.className})`,
  );
  return { name, packageName: names.packageName, packageDir, names };
}

async function main(args: Arguments): Promise<void> {
  const { root } = args;
  const specs = join(root, "specs");
  // Every name and document is checked before anything is written.
  for (const { name } of args.vendors) {
    if (await exists(join(root, "packages", name))) throw new UsageError(`packages/${name} already exists`);
    const taken = (await readdir(specs)).filter((file) => file === name || file.startsWith(`${name}.`));
    if (taken.length > 0) throw new UsageError(`specs/ already holds ${taken.join(", ")}`);
  }
  const located: Located[] = [];
  for (const request of args.vendors) located.push(await locateVendor(request));
  const added: Added[] = [];
  for (const vendor of located) added.push(await addVendor(root, vendor));

  // 4. Link them (one install for all) and generate their code.
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
  // The lockfile gains the new packages: an install that may write it, even where CI=true makes
  // `--frozen-lockfile` the default. Commit the result; CI's frozen install then accepts it.
  await run("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], { cwd: root, env, timeoutMs: 600_000 });
  for (const { name, packageDir, names } of added) {
    // The README shows the options the generator reports; `pnpm generate` then adds its API reference.
    const report = await run("pnpm", ["-s", "generate", "--report", name, "--json"], {
      cwd: root,
      env,
      timeoutMs: 600_000,
    });
    await writeFile(join(packageDir, "README.md"), readme(names, JSON.parse(report.stdout) as ClientSurface));
  }
  // Generated before the build, so that the README (an input of turbo's `generate` task) is final
  // when turbo first hashes it, and later runs find the tasks cached.
  const generated = await run("pnpm", ["generate", ...added.map((vendor) => vendor.name)], {
    cwd: root,
    env,
    timeoutMs: 600_000,
  });
  process.stdout.write(generated.stdout);
  // Its progress and the documents' warnings (problems that do not stop generation), each once:
  // the reports above read the same documents, and their copies of them are not repeated.
  process.stderr.write(generated.stderr);
  // The project's formatter has the last word on layout, so the new packages pass `pnpm lint` as written.
  await run(
    join(root, "node_modules", ".bin", "biome"),
    ["check", "--write", ...added.map((vendor) => vendor.packageDir)],
    { cwd: root },
  );

  // 5. Build them, and write the API reports that `pnpm api-report --check` (part of `pnpm test`)
  // compares the builds against.
  const filters = added.map((vendor) => `--filter=${vendor.packageName}`);
  await run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
    cwd: root,
    env,
    timeoutMs: 900_000,
  });
  await run("pnpm", ["-s", "api-report", ...added.map((vendor) => vendor.name)], {
    cwd: root,
    env,
    timeoutMs: 900_000,
  });
  const dirs = added.map((vendor) => `packages/${vendor.name}/`).join(", ");
  console.log(
    `new-vendor: done. Next: pnpm test, then commit specs/, ${dirs} (with ${added.length > 1 ? "their API reports" : "its API report"}), the changeset${added.length > 1 ? "s" : ""} and pnpm-lock.yaml.`,
  );
}

try {
  await main(parseArguments(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`new-vendor: ${error.message}\n${USAGE}`);
  } else {
    console.error(`new-vendor: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
