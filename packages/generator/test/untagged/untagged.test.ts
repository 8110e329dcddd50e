/** Untagged operations get a resource from their path; a resource never hides a client property. */
import { expect, it } from "vitest";
import { generateFixture } from "../helpers.ts";

it("takes the first literal path segment that is not `api` or a version", async () => {
  const generated = await generateFixture("untagged", "untagged");
  expect(generated.facts.helpers.map((h) => [`${h.resource}.${h.method}`, h.operationId])).toEqual([
    ["gadgets.delete", "removeGadget"],
    ["rawResource.delete", "delete /raw/{id}"],
    ["root.delete", "delete /{tenant}"],
    ["widgets.delete", "delete /v1/widgets/{widgetId}"],
  ]);
  expect(generated.warnings).toEqual([
    'delete /raw/{id}: resource "raw" would hide a client property; it becomes "rawResource"',
  ]);
});
