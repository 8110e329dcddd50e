/** One line of the matrix's report, and how a list of named checks becomes one. */
import type { SmokeCheck } from "./scenario.ts";

export interface Outcome {
  readonly name: string;
  readonly version?: string;
  readonly status: "PASS" | "FAIL" | "SKIPPED";
  readonly detail: string;
  readonly ms: number;
}

/** PASS with the checks' names when all hold, else FAIL with each failing check and why. */
export function judge(checks: readonly SmokeCheck[], runtime: string): Pick<Outcome, "status" | "detail"> {
  const failed = checks.filter((check) => !check.ok);
  if (failed.length > 0) {
    return { status: "FAIL", detail: failed.map((check) => `${check.name}: ${check.detail}`).join("; ") };
  }
  const names = [...new Set(checks.map((check) => check.name.replace(/^\S+ /, "")))].join(", ");
  return { status: "PASS", detail: `${checks.length} checks (${names}) — ${runtime}` };
}
