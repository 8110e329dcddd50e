/** Fault injection, run against both vendors: see fault-scenarios.ts for what each case expects. */
import { describe, test } from "vitest";
import { PERSISTENT_CONNECTION, runScenario, TRANSIENT_CONNECTION } from "./fault-scenarios.js";
import { VENDORS } from "./vendors.js";

describe.each(VENDORS)("$name", (vendor) => {
  test.each([...TRANSIENT_CONNECTION, ...PERSISTENT_CONNECTION].map((scenario) => [scenario.name, scenario] as const))(
    "%s",
    async (_, scenario) => {
      await runScenario(vendor, scenario);
    },
  );
});
