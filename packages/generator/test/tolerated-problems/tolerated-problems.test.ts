/**
 * Problems that no generated file depends on are warnings, each reported once, and the package is
 * still generated: the two that real vendors publish (`info.summary` in an OpenAPI 3.0 document,
 * a POST body without its `content` wrapper), one in a file that only a POST reaches, and a version
 * without its patch number.
 */
import { expect, it } from "vitest";
import { CONSUMER_PRELUDE, type Generated, generateFixture, typecheck } from "../helpers.ts";

const FILES = ["openapi.ts", "spec.ts", "testing-spec.ts", "resources.ts", "options.ts", "cli.ts"];

it.each([
  [
    "info-summary",
    "specs/info-summary.yaml at #/info/summary: Property `summary` is not expected here. (tolerated: no DELETE helper is built from it",
  ],
  [
    "bare-body",
    "specs/bare-body.yaml at #/paths/~1things/post/requestBody: The field `content` must be present on this level. At …/application~1json: Property `application/json` is not expected here.",
  ],
  [
    "unused-file",
    "specs/unused-file/create-thing.yaml at #/responses/201/headers/Location/explode-me: Property `explode-me` is not expected here.",
  ],
  [
    "version-without-patch",
    "specs/version-without-patch.yaml at #/openapi: The version `3.0` has no patch number (`3.0.0`, for one). (tolerated: read as OpenAPI 3.0",
  ],
])("%s: one warning, with file and pointer, and a package", async (vendor, warning) => {
  const generated = await generateFixture("tolerated-problems", vendor);
  expect(generated.warnings).toHaveLength(1);
  expect(generated.warnings[0]).toContain(warning);
  expect(generated.files.map((file) => file.name)).toEqual(FILES);
  expect(generated.facts.helpers).toEqual([
    { resource: "things", method: "delete", bulk: "deleteMany", operationId: "deleteThing" },
  ]);
  expect(generated.file("resources.ts")).toContain(
    'delete(id: paths["/things/{id}"]["delete"]["parameters"]["path"]["id"]',
  );
});

it("types the bare POST body as openapi-typescript does, and gives the run time no body for it", async () => {
  const generated = await generateFixture("tolerated-problems", "bare-body");
  expect(generated.facts.spec.operations.createThing?.body).toBeUndefined();
  expect(generated.file("openapi.ts")).toContain("createThing");
});

it("generates packages that type-check", async () => {
  const consumer = `${CONSUMER_PRELUDE}\nexport const deleted = new Client({}).things.delete("thing-1");\n`;
  const vendors = ["info-summary", "bare-body", "unused-file", "unreadable-get", "version-without-patch"];
  const generated = await Promise.all(vendors.map((vendor) => generateFixture("tolerated-problems", vendor)));
  const packages = Object.fromEntries(
    vendors.map((vendor, i) => [vendor, { generated: generated[i] as Generated, consumer }]),
  );
  await typecheck(packages);
}, 60_000);

it("leaves an operation the run time cannot read out of its facts, and says so, when no helper is built from it", async () => {
  const generated = await generateFixture("tolerated-problems", "unreadable-get");
  expect(generated.warnings).toEqual([
    expect.stringContaining(
      "specs/unreadable-get.yaml at #/paths/~1things/get/parameters/0: The field `name` must be present on this level.",
    ),
    "specs/unreadable-get.yaml at #/paths/~1things/get/parameters/0: is not a valid parameter (the operation is left out of the runtime facts: no helper is built from it)",
  ]);
  expect(Object.keys(generated.facts.spec.operations)).toEqual(["deleteThing"]);
  expect(generated.file("openapi.ts")).toContain("listThings");
});
