/** Several DELETEs in one resource: names from operationIds (Octokit's rule), clashes numbered and reported. */
import { expect, it } from "vitest";
import { generateFixture } from "../helpers.ts";

it("names every DELETE, numbers a clash, and reports it on the warning channel", async () => {
  const generated = await generateFixture("collisions", "clash");
  expect(generated.facts.helpers.map((h) => [`${h.resource}.${h.method}`, h.operationId])).toEqual([
    ["users.deleteUser", "users/delete-user"],
    ["users.deleteUser2", "delete_user"],
    // Its own name is the bulk form of `deleteUser`.
    ["users.deleteUserMany2", "deleteUserMany"],
    ["users.deleteUsersKeys", "delete /users/{id}/keys/{keyId}"],
  ]);
  expect(generated.warnings).toEqual([
    "delete_user (DELETE /users/{id}/avatar): users.deleteUser is taken; the helper is users.deleteUser2",
    "deleteUserMany (DELETE /users/{id}/sessions): users.deleteUserMany is taken; the helper is users.deleteUserMany2",
  ]);
  // The operation without an operationId is reported with `null`, and keyed by method and path.
  expect(generated.facts.operations.find((op) => op.operationId === null)).toEqual({
    operationId: null,
    method: "delete",
    path: "/users/{id}/keys/{keyId}",
    helper: "users.deleteUsersKeys",
    args: ["id", "keyId"],
  });
});

it("is deterministic", async () => {
  const [first, second] = await Promise.all([
    generateFixture("collisions", "clash"),
    generateFixture("collisions", "clash"),
  ]);
  expect(second.files).toEqual(first.files);
});
