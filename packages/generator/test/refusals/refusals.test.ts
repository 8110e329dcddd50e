/** Documents that cannot be generated are refused with the file, the JSON pointer and what to do. */
import { expect, it } from "vitest";
import { SpecProblem } from "../../src/index.ts";
import { generateFixture } from "../helpers.ts";

it.each([
  ["old", "specs/old.yaml", "#/swagger", "is a Swagger 2.0 document", "Convert it first"],
  [
    "broken",
    "specs/broken.yaml",
    "#/paths/~1things~1{id}/delete/responses/204",
    "does not validate as OpenAPI",
    "Fix the document",
  ],
  [
    "dangling",
    "specs/dangling.yaml",
    "#/paths/~1things~1{id}/delete/responses/204",
    "Can't resolve $ref",
    "Fix the document",
  ],
  ["digest", "specs/digest.yaml", "#/components/securitySchemes/digestAuth/scheme", 'http scheme "digest"', "overlay"],
  [
    "unknown-scheme",
    "specs/unknown-scheme.yaml",
    "#/paths/~1things~1{id}/delete/security/0/missingAuth",
    "names the security scheme missingAuth",
    "Define the scheme",
  ],
  [
    "bad-marker",
    "specs/bad-marker.yaml",
    "#/paths/~1things~1{id}/delete/x-sdkforge-failure-when",
    "must map top-level properties",
    "{ status: error }",
  ],
])("%s", async (vendor, file, pointer, problem, hint) => {
  const error = await generateFixture("refusals", vendor).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpecProblem);
  expect(error).toMatchObject({ file, pointer });
  expect((error as Error).message).toContain(problem);
  expect((error as SpecProblem).hint).toContain(hint);
});
