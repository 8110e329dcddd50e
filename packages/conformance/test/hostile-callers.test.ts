/** Careless callers, run against both vendors: see hostile-callers.ts for what each case expects. */
import { describe, test } from "vitest";
import { CALLER_MISTAKES, runCallerScenario } from "./hostile-callers.js";
import { VENDORS } from "./vendors.js";

describe.each(VENDORS)("$name", (vendor) => {
  const cases = CALLER_MISTAKES.filter((scenario) => scenario.appliesTo?.(vendor) ?? true);
  test.each(cases.map((scenario) => [scenario.name, scenario] as const))("%s", async (_, scenario) => {
    await runCallerScenario(vendor, scenario);
  });
});
