/**
 * Problems that would make a DELETE helper (or the generated types) wrong stop generation, with
 * the file and the JSON pointer of the problem, in whichever file of the document it is.
 */
import { expect, it } from "vitest";
import { SpecProblem } from "../../src/index.ts";
import { generateFixture } from "../helpers.ts";

it.each([
  [
    "path-mismatch",
    "specs/path-mismatch.yaml",
    "#/paths/~1things~1{id}/delete/parameters",
    "its path /things/{id} has {id}, not declared; it declares the path parameter thing_id, not in /things/{id}",
  ],
  ["dangling-delete", "specs/dangling-delete.yaml", "#/paths/~1things~1{id}/delete/parameters/0", "Can't resolve $ref"],
  [
    "bare-delete-body",
    "specs/bare-delete-body.yaml",
    "#/paths/~1things~1{id}/delete/requestBody",
    "The field `content` must be present on this level. At …/application~1json: Property `application/json` is not expected here. (it blocks generation: a DELETE helper is built from it)",
  ],
  [
    "split-delete",
    "specs/split-delete/components/parameters.yaml",
    "#/ThingId/in",
    "`in` can be one of the following only",
  ],
])("%s", async (vendor, file, pointer, problem) => {
  const error = await generateFixture("blocking-problems", vendor).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpecProblem);
  expect(error).toMatchObject({ file, pointer });
  expect((error as Error).message).toContain(problem);
});
