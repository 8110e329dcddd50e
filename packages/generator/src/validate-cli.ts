/**
 * The `pnpm validate-specs [--strict] [vendor…]` command (scripts/lib/validate-specs.ts is its
 * entry point): every problem Redocly's `struct` and `no-unresolved-refs` rules find in each
 * vendor's document, at once, classified as generation classifies them (see validation.ts). A
 * problem that would make the generated package wrong is an error; any other is a warning, and
 * the documents still pass. With `--strict`, or for a vendor whose overlay says
 * `x-sdkforge-strict: true`, every problem is an error. Everything goes to stderr; the exit code
 * is 1 when there is an error.
 */
import { join } from "node:path";
import { findSpecs, validateDocument } from "./load.ts";
import { SpecProblem } from "./problems.ts";
import { describeFinding } from "./validation.ts";

const toStderr = (line: string) => {
  process.stderr.write(`${line}\n`);
};

/** Runs the command against the workspace at `root`, printing each line with `print`; resolves to the exit code. */
export async function validateSpecs(
  root: string,
  args: readonly string[],
  print: (line: string) => void = toStderr,
): Promise<number> {
  const strictForAll = args.includes("--strict");
  const unknown = args.find((arg) => arg.startsWith("--") && arg !== "--strict");
  if (unknown !== undefined) {
    print(`validate-specs: unknown option ${unknown}\nusage: pnpm validate-specs [--strict] [vendor…]`);
    return 1;
  }
  const only = new Set(args.filter((arg) => !arg.startsWith("--")));
  let sources: Awaited<ReturnType<typeof findSpecs>>;
  try {
    sources = (await findSpecs(join(root, "specs"), root)).filter((s) => only.size === 0 || only.has(s.vendor));
  } catch (error) {
    if (!(error instanceof SpecProblem)) throw error;
    print(`error: ${error.message}`);
    return 1;
  }
  if (sources.length === 0) {
    print(`validate-specs: no vendor document${only.size > 0 ? ` named ${[...only].join(", ")}` : ""} under specs/.`);
    return 1;
  }
  let errors = 0;
  let warnings = 0;
  for (const source of sources) {
    try {
      const { findings, strict } = await validateDocument(source, root, { strict: strictForAll });
      for (const finding of findings) {
        if (strict || finding.blocking) {
          errors++;
          const why = finding.blocking ? `it blocks generation: ${finding.reason}` : "strict validation";
          print(`error: ${describeFinding(finding)} (${why})`);
        } else {
          warnings++;
          print(`warning: ${describeFinding(finding)} (${finding.reason})`);
        }
      }
    } catch (error) {
      if (!(error instanceof SpecProblem)) throw error;
      errors++;
      print(`error: ${error.message}`);
    }
  }
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  print(
    `validate-specs: ${count(sources.length, "document")}${strictForAll ? " (strict)" : ""}, ${count(errors, "error")}, ${count(warnings, "warning")}`,
  );
  return errors > 0 ? 1 : 0;
}
