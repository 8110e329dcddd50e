/**
 * Every schema shape a path parameter can have (anyOf, oneOf through `$ref`s, enums of strings,
 * integers and mixed values, 3.0 `nullable`, 3.1 `type` lists and null branches, boolean, number):
 * the helper refuses at run time exactly the values its generated type refuses.
 */
import { InvalidArgumentError } from "@sdkforge/core";
import { describe, expect, it } from "vitest";
import { clientFor, generateFixture } from "../helpers.ts";
import { disagreements } from "../path-param-agreement.ts";

const shapes30 = await generateFixture("path-param-shapes", "shapes30");
const shapes31 = await generateFixture("path-param-shapes", "shapes31");

describe("path parameters of every schema shape", () => {
  it("OpenAPI 3.0: anyOf, oneOf, nullable, enums, boolean, number", async () => {
    expect(shapes30.warnings).toEqual([]);
    expect(await disagreements(shapes30, "shapes30")).toEqual([]);
  }, 60_000);

  it("OpenAPI 3.1: type lists, null branches, an enum without a type", async () => {
    expect(await disagreements(shapes31, "shapes31")).toEqual([]);
  }, 60_000);

  it("name every allowed type when refusing", async () => {
    const client = new (clientFor(shapes30.facts.spec))({ baseUrl: "http://127.0.0.1:9" });
    await expect(client.anyOf?.delete?.(-1)).rejects.toThrow(InvalidArgumentError);
    await expect(client.anyOf?.delete?.(-1)).rejects.toThrow(
      "Invalid `id`: expected a non-negative safe integer or a non-empty string, got the number -1.",
    );
  });
});
