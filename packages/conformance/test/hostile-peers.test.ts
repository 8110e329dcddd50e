/** Hostile peers, run against both vendors: see hostile-peers.ts for what each case expects. */
import { describe, test } from "vitest";
import { ALL_HOSTILE, runHostile } from "./hostile-peers.js";
import { VENDORS } from "./vendors.js";

describe.each(VENDORS)("$name", (vendor) => {
  const cases = ALL_HOSTILE.filter((scenario) => scenario.appliesTo?.(vendor) ?? true);
  test.each(cases.map((scenario) => [scenario.name, scenario] as const))("%s", async (_, scenario) => {
    await runHostile(vendor, scenario);
  });
});
