/**
 * `deleteMany` over a two-parameter path: each id is a tuple, and every distinct tuple gets its own
 * report. Tuples that only look alike once stringified (`[null, 1]`, `[undefined, 1]`, `[NaN, 1]`)
 * or that cannot be stringified at all (a BigInt, a circular tuple) must neither collapse into one
 * report nor reject the batch.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APIClient, type DeleteResource, InvalidArgumentError } from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { usersSpec } from "./fixtures.js";

class Users extends APIClient<object> {
  declare readonly users: DeleteResource<readonly [string, number]>;
  constructor(baseUrl: string) {
    super(usersSpec, { baseUrl, maxRetries: 0, logLevel: "off" });
  }
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { message: "deleted" } }));
});
afterAll(() => server.close());

describe("deleteMany with tuple ids", () => {
  test("reports every distinct bad tuple once, and still deletes the good ones", async () => {
    const circular: unknown[] = ["d1"];
    circular.push(circular);
    const bad = [[null, 1], [undefined, 1], [Number.NaN, 1], ["d1", 10n], circular, ["d1"]];
    const good: (readonly [string, number])[] = [
      ["d1", 1],
      ["d1", 2],
    ];
    const input = [good[0], ...bad, good[1], ["d1", 1], ["1", 2]] as unknown as (readonly [string, number])[];
    const result = await new Users(server.url).users.deleteMany(input);
    expect(result.failed.map((f) => f.id)).toEqual(bad);
    for (const { error } of result.failed) expect(error).toBeInstanceOf(InvalidArgumentError);
    // The repeat of ["d1", 1] is deleted once; ["1", 2] is not ["d1", 2].
    expect(result.deleted.map((d) => d.id)).toEqual([good[0], good[1], ["1", 2]]);
  });
});
