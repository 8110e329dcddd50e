/**
 * The facts every application bundles (`spec.ts`) hold only what the runtime reads, and the
 * testing spec gives the test server every documented response back: a GET without a helper and a
 * DELETE with one, each with examples and descriptions.
 */
import { expect, it } from "vitest";
import { generateFixture } from "../helpers.ts";

const generated = await generateFixture("runtime-facts", "notes");
const runtime = generated.file("spec.ts");
const testing = generated.file("testing-spec.ts");

it("keeps the helper's success and 404 schemas, and nothing the runtime does not read", () => {
  expect(runtime).toContain('"deleteNote"');
  expect(runtime).toContain('"404": {\n          "contentType": "application/json"');
  expect(runtime).not.toContain("Note deleted");
  expect(runtime).not.toContain("No such note");
  expect(runtime).not.toContain('"401"');
  expect(runtime).not.toContain('"title"');
  expect(runtime).not.toContain("4.2.0");
  // The GET has no helper: its route, parameters and security stay (raw needs them), its responses go.
  expect(runtime).toMatch(/"getNote": \{[\s\S]*?"responses": \{\}/);
  expect(runtime).not.toContain("buy milk");
});

it("gives the testing spec every documented response, with descriptions and examples", () => {
  expect(testing).toContain('import { spec } from "./spec.js";');
  for (const text of [
    "Note deleted",
    "No such note",
    "Missing or invalid token",
    "buy milk",
    '"Notes API"',
    '"4.2.0"',
  ]) {
    expect(testing).toContain(text);
  }
});

it("puts them back together with withDocumentedResponses, as testing-spec.ts does", async () => {
  const { withDocumentedResponses } = await import("@sdkforge/core/testing");
  const facts = generated.facts.spec;
  const getNote = facts.operations.getNote ?? expect.unreachable("the fixture has getNote");
  const trimmed = { ...facts, operations: { ...facts.operations, getNote: { ...getNote, responses: {} } } };
  const restored = withDocumentedResponses(trimmed, { getNote: getNote.responses });
  expect(restored.operations.getNote?.responses["200"]).toMatchObject({
    description: "The note",
    example: { text: "buy milk" },
  });
  expect(restored.operations.deleteNote).toBe(facts.operations.deleteNote);
});
