/**
 * `pnpm generate`          regenerates `packages/<vendor>/src/generated/` for every `specs/<vendor>.yaml`.
 * `pnpm generate --check`  fails when the committed output differs from what the specs produce.
 * `pnpm generate archil`   limits either to the named vendors (each package's turbo task does this).
 * A new spec is picked up as soon as `packages/<vendor>/` exists; a spec without a package is reported.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateVendor } from "./codegen.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const only = new Set(args.filter((arg) => !arg.startsWith("--")));

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

const specFiles = (await readdir(join(root, "specs")))
  .filter((name) => /\.ya?ml$/.test(name))
  .filter((name) => only.size === 0 || only.has(name.replace(/\.ya?ml$/, "")))
  .sort();
if (specFiles.length === 0) {
  console.error(`No spec matches ${[...only].join(", ")} in specs/.`);
  process.exit(1);
}
const stale: string[] = [];
let problems = 0;

for (const specFile of specFiles) {
  const vendor = specFile.replace(/\.ya?ml$/, "");
  const packageDir = join(root, "packages", vendor);
  if ((await readOrNull(join(packageDir, "package.json"))) === null) {
    console.error(`specs/${specFile}: no packages/${vendor}/package.json; create the package to generate its code.`);
    problems++;
    continue;
  }
  const outDir = join(packageDir, "src", "generated");
  for (const file of await generateVendor(join(root, "specs", specFile), specFile)) {
    const target = join(outDir, file.name);
    const relative = `packages/${vendor}/src/generated/${file.name}`;
    if ((await readOrNull(target)) === file.contents) continue;
    if (check) {
      stale.push(relative);
    } else {
      await mkdir(outDir, { recursive: true });
      await writeFile(target, file.contents);
      console.log(`wrote ${relative}`);
    }
  }
}

if (stale.length > 0) {
  console.error(
    `Generated code is stale (it no longer matches specs/):\n${stale.map((f) => `  - ${f}`).join("\n")}\n` +
      "Run `pnpm generate` and commit the result. Never edit src/generated/ by hand.",
  );
  process.exit(1);
}
if (problems > 0) process.exit(1);
console.log(check ? `generated code is up to date (${specFiles.length} specs)` : `generated ${specFiles.length} specs`);
