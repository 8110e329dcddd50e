/** A `.json` document in specs/ is a vendor like any YAML one. */
import { expect, it } from "vitest";
import { generateFixture } from "../helpers.ts";

it("generates from JSON, with a helper for the DELETE and none for the GET", async () => {
  const generated = await generateFixture("json-input", "jsonvendor");
  expect(generated.file("spec.ts")).toContain("from specs/jsonvendor.json.");
  expect(generated.facts.spec.resources).toEqual({ webhooks: { delete: "deleteWebhook" } });
  expect(generated.facts.operations).toEqual([
    {
      operationId: "getWebhook",
      method: "get",
      path: "/webhooks/{hookId}",
      helper: null,
      args: ["hookId"],
      reason: "not a DELETE operation: call it through `raw`",
    },
    {
      operationId: "deleteWebhook",
      method: "delete",
      path: "/webhooks/{hookId}",
      helper: "webhooks.delete",
      args: ["hookId"],
    },
  ]);

  // No security at all: a client needs no credential option.
  expect(generated.facts.credentials).toEqual([]);
  expect(generated.facts.spec.name).toBe("Jsonvendor");
});
