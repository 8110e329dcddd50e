/**
 * The vendors of this workspace, discovered rather than listed: a vendor is a publishable package
 * `packages/<id>/` whose OpenAPI document exists under `specs/`, either as one file
 * (`specs/<id>.yaml`, `.yml` or `.json`) or as a folder of files joined by relative `$ref`s
 * (`specs/<id>/`, entered through its `openapi.*` file). Everything that spans vendors (the
 * conformance suites, size budgets, runtime matrix, release rehearsal, demo, spec validation)
 * asks this module, so a new vendor is picked up by all of them at once.
 *
 * Synchronous on purpose: configuration files (size-limit's) call it at load time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const SPEC_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

export interface Vendor {
  /** The folder name under `packages/` and the document's name under `specs/`, e.g. `acme`. */
  readonly id: string;
  /** The npm name from the package's manifest, e.g. `@sdkforge/acme`. */
  readonly packageName: string;
  /** `packages/<id>`, relative to the repository root (POSIX separators). */
  readonly packageDir: string;
  /** The document's entry file, relative to the repository root, e.g. `specs/acme.yaml`. */
  readonly specEntry: string;
  /** Every file of the document (and of an overlay beside it), relative to the repository root, sorted. */
  readonly specFiles: readonly string[];
}

interface Manifest {
  readonly name?: string;
  readonly private?: boolean;
}

const posix = (path: string) => path.split(sep).join("/");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Whether a file starts a document: it declares `openapi` (or `swagger`, which the generator then refuses) at its top level. */
function declaresOpenapi(path: string): boolean {
  return /^(?:openapi|swagger)\s*:|^\s*\{?\s*"(?:openapi|swagger)"\s*:/m.test(
    readFileSync(path, "utf8").slice(0, 4096),
  );
}

function entryOfFolder(folder: string): string | undefined {
  const conventional = SPEC_EXTENSIONS.map((ext) => join(folder, `openapi${ext}`)).find((file) => existsSync(file));
  if (conventional) return conventional;
  const candidates = readdirSync(folder)
    .filter((name) => SPEC_EXTENSIONS.some((ext) => name.endsWith(ext)))
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile() && declaresOpenapi(path));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The entry and files of `specs/<id>` (its overlay included), or `undefined` when the vendor has no document. */
function documentOf(root: string, id: string): { entry: string; files: string[] } | undefined {
  const specs = join(root, "specs");
  const folder = join(specs, id);
  // Companions beside the document: its overlay, `specs/<id>.overlay.yaml`, or the single file itself.
  const beside = readdirSync(specs)
    .filter((name) => name.startsWith(`${id}.`))
    .map((name) => join(specs, name))
    .filter((path) => statSync(path).isFile());
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    const entry = entryOfFolder(folder);
    return entry ? { entry, files: [...filesUnder(folder), ...beside].sort() } : undefined;
  }
  const entry = SPEC_EXTENSIONS.map((ext) => join(specs, `${id}${ext}`)).find((file) => existsSync(file));
  return entry ? { entry, files: beside.sort() } : undefined;
}

/** Every vendor of the workspace at `root`, sorted by id. */
export function findVendors(root: string = REPO_ROOT): Vendor[] {
  const packages = join(root, "packages");
  const vendors: Vendor[] = [];
  for (const id of readdirSync(packages).sort()) {
    const manifestFile = join(packages, id, "package.json");
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
    if (manifest.private || !manifest.name) continue;
    const document = documentOf(root, id);
    if (!document) continue;
    vendors.push({
      id,
      packageName: manifest.name,
      packageDir: `packages/${id}`,
      specEntry: posix(relative(root, document.entry)),
      specFiles: document.files.map((file) => posix(relative(root, file))),
    });
  }
  return vendors;
}

/** The turbo input globs (relative to `$TURBO_ROOT$`) that cover a vendor's document and overlay. */
export function specInputGlobs(id: string): string[] {
  return [`specs/${id}.*`, `specs/${id}/**`];
}

/**
 * The client class a vendor's package exports (e.g. `Acme`), read from its built
 * declarations: the one class that extends core's `APIClient`. Needs `pnpm build`.
 */
export function clientClassName(vendor: Vendor, root: string = REPO_ROOT): string {
  const declarations = join(root, vendor.packageDir, "dist", "index.d.ts");
  if (!existsSync(declarations)) throw new Error(`${declarations} is missing: build the packages first (pnpm build)`);
  const names = [...readFileSync(declarations, "utf8").matchAll(/declare class (\w+) extends APIClient\b/g)].map(
    (match) => match[1] ?? "",
  );
  if (names.length !== 1) throw new Error(`${vendor.packageName}: expected one client class, found ${names.length}`);
  return names[0] ?? "";
}

/** How many operations a vendor's generated facts list, and how many of them have a helper. */
export function operationCounts(vendor: Vendor, root: string = REPO_ROOT): { operations: number; helpers: number } {
  const facts = readFileSync(join(root, vendor.packageDir, "src", "generated", "spec.ts"), "utf8");
  const literal = facts.match(/^export const spec: ApiSpec = (\{[\s\S]*?\n\});$/m)?.[1];
  if (literal === undefined) throw new Error(`${vendor.packageName}: no \`spec\` object in src/generated/spec.ts`);
  // The facts are JSON but for their last entry, `features`, which names imported functions.
  const json = literal.replace(/,\n {2}"features": \{[^}]*\}\n\}$/, "\n}");
  const spec = JSON.parse(json) as { operations: object; resources: Record<string, object> };
  const helpers = Object.values(spec.resources).reduce((sum, methods) => sum + Object.keys(methods).length, 0);
  return { operations: Object.keys(spec.operations).length, helpers };
}

/** The brotli budget for importing the client class of a one-operation document; BENCHMARKS.md gives its history. */
export const CLIENT_BUDGET_BASE_BYTES = 15_800;

/**
 * The brotli budget for importing a vendor's client class: the one-operation base, plus room for
 * the generated facts of a larger document, which keep all of a helper's operation (about 50 B
 * each for DigitalOcean) but only the route and security of an operation without one (about 20 B).
 */
export function clientBudgetBytes(vendor: Vendor, root: string = REPO_ROOT): number {
  const { operations, helpers } = operationCounts(vendor, root);
  return CLIENT_BUDGET_BASE_BYTES + 150 * Math.max(0, helpers - 1) + 25 * (operations - helpers);
}

/** The vendor package's bin (its incident CLI), from the `bin` field of its manifest. */
export function vendorBin(vendor: Pick<Vendor, "packageDir" | "packageName">, root: string = REPO_ROOT): string {
  const dir = join(root, vendor.packageDir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { bin?: Record<string, string> };
  const [bin] = Object.values(manifest.bin ?? {});
  if (bin === undefined) throw new Error(`${vendor.packageName} has no bin`);
  return join(dir, bin);
}
