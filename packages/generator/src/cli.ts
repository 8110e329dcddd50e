/**
 * The `pnpm generate` command (scripts/generate.ts is its entry point):
 *   pnpm generate                     regenerates `packages/<vendor>/src/generated/` and the README's
 *                                     API reference for every document in `specs/`;
 *   pnpm generate --check             fails when any of that differs from what the documents produce;
 *   pnpm generate archil              limits either to the named vendors;
 *   pnpm generate --strict            stops over every validation problem, not only those that
 *                                     would make a package wrong (see validation.ts);
 *   pnpm generate --report <vendor>   prints what the package exposes (a table; `--json` for the one
 *                                     JSON object of the report contract, alone on stdout).
 * Progress and warnings go to stderr (pnpm's own script banner goes to stdout: use `pnpm -s` when
 * a tool reads the report). Problems with a document end the run with its file, the
 * JSON pointer and what to do, never a stack trace.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { findSpecs, type SpecSource } from "./load.ts";
import { SpecProblem } from "./problems.ts";
import { withApiReference } from "./readme.ts";
import { reportTables, vendorReport } from "./report.ts";
import { generateVendor, readVendor } from "./vendor.ts";

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

interface Parsed {
  readonly check: boolean;
  readonly json: boolean;
  readonly strict: boolean;
  readonly report: string | undefined;
  readonly only: ReadonlySet<string>;
}

function parseArgs(args: readonly string[]): Parsed {
  const only = new Set<string>();
  let report: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--report") {
      report = args[++i];
      if (report === undefined || report.startsWith("--")) throw new UsageError("--report needs a vendor name");
    } else if (arg !== "--check" && arg !== "--json" && arg !== "--strict") {
      if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
      only.add(arg);
    }
  }
  return {
    check: args.includes("--check"),
    json: args.includes("--json"),
    strict: args.includes("--strict"),
    report,
    only,
  };
}

class UsageError extends Error {}

const progress = (message: string) => process.stderr.write(`${message}\n`);

async function runReport(
  root: string,
  sources: readonly SpecSource[],
  vendor: string,
  options: Parsed,
): Promise<number> {
  const source = sources.find((s) => s.vendor === vendor);
  if (!source) {
    progress(`No document for "${vendor}" in specs/ (found: ${sources.map((s) => s.vendor).join(", ") || "none"}).`);
    return 1;
  }
  const { facts } = await readVendor(source, { root, strict: options.strict });
  const report = vendorReport(facts);
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : `# ${report.package}\n\n${reportTables(report)}`,
  );
  return 0;
}

async function runGenerate(root: string, sources: readonly SpecSource[], options: Parsed): Promise<number> {
  const { check, strict } = options;
  const stale: string[] = [];
  let problems = 0;
  for (const source of sources) {
    const packageDir = join(root, "packages", source.vendor);
    if ((await readOrNull(join(packageDir, "package.json"))) === null) {
      progress(
        `${source.display}: no packages/${source.vendor}/package.json; create the package to generate its code.`,
      );
      problems++;
      continue;
    }
    const { facts, files } = await generateVendor(source, { root, strict });
    const outDir = join(packageDir, "src", "generated");
    const expected = new Map(files.map((file) => [join(outDir, file.name), file.contents]));
    const readmePath = join(packageDir, "README.md");
    const readme = await readOrNull(readmePath);
    if (readme !== null) expected.set(readmePath, withApiReference(readme, vendorReport(facts)));
    const leftovers = (await readdir(outDir).catch(() => [] as string[]))
      .map((name) => join(outDir, name))
      .filter((path) => !expected.has(path));
    for (const [path, contents] of expected) {
      if ((await readOrNull(path)) === contents) continue;
      const shown = path.slice(root.length + 1);
      if (check) {
        stale.push(shown);
      } else {
        await mkdir(outDir, { recursive: true });
        await writeFile(path, contents);
        progress(`wrote ${shown}`);
      }
    }
    for (const path of leftovers) {
      if (check) stale.push(`${path.slice(root.length + 1)} (no longer generated)`);
      else await rm(path, { recursive: true, force: true });
    }
  }
  if (stale.length > 0) {
    progress(
      `Generated code is stale (it no longer matches specs/):\n${stale.map((f) => `  - ${f}`).join("\n")}\n` +
        "Run `pnpm generate` and commit the result. Never edit src/generated/ or the README's API reference by hand.",
    );
    return 1;
  }
  if (problems > 0) return 1;
  progress(check ? `generated code is up to date (${sources.length} specs)` : `generated ${sources.length} specs`);
  return 0;
}

/** Runs the command; resolves to the exit code. */
export async function main(root: string, args: readonly string[]): Promise<number> {
  try {
    const options = parseArgs(args);
    const all = await findSpecs(join(root, "specs"), root);
    if (options.report !== undefined) return await runReport(root, all, options.report, options);
    const sources = all.filter((source) => options.only.size === 0 || options.only.has(source.vendor));
    if (sources.length === 0) {
      progress(`No spec matches ${[...options.only].join(", ") || "anything"} in specs/.`);
      return 1;
    }
    return await runGenerate(root, sources, options);
  } catch (error) {
    if (error instanceof SpecProblem || error instanceof UsageError) {
      progress(`error: ${error.message}`);
      return 1;
    }
    // Anything else is a bug in the generator or a library: say what happened, without a stack
    // trace, unless asked for one.
    const message = error instanceof Error ? error.message : String(error);
    progress(
      `error: ${message}${process.env.SDKFORGE_DEBUG ? `\n${(error as Error).stack ?? ""}` : "\n  (set SDKFORGE_DEBUG=1 for a stack trace)"}`,
    );
    return 1;
  }
}
