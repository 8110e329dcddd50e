/**
 * A command for a two-parameter path, run in-process against a spec server on 127.0.0.1: one
 * parameter fixed by flag, the other from each line; or both as columns of each line. Integer
 * parameters receive numbers, and a line with the wrong number of columns is refused unsent.
 */
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliProgram, exitCodes, runCli } from "../../src/cli/index.js";
import { APIClient, type ClientOptions, type DeleteManyOutcome } from "../../src/index.js";
import { type SpecServer, startSpecServer } from "../../src/testing/index.js";
import { usersSpec } from "../fixtures.js";

class Users extends APIClient<object> {
  constructor(options: ClientOptions = {}) {
    super(usersSpec, { maxRetries: 0, logLevel: "off", ...options });
  }
}

const program: CliProgram = {
  bin: "users",
  packageName: "users",
  version: "1.0.0",
  spec: usersSpec,
  Client: Users,
  docs: {
    deleteUser: { summary: "Remove a user from a disk", pathParams: { diskId: "The disk", userId: "The user" } },
  },
};

async function run(argv: string[], input = "") {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  stdin.end(input);
  const code = await runCli(program, { argv, env: {}, stdin, stdout, stderr });
  return { code, out, err };
}

let server: SpecServer;
beforeAll(async () => {
  server = await startSpecServer({
    spec: usersSpec,
    handlers: { deleteUser: () => ({ status: 200, body: { message: "removed" } }) },
  });
});
afterAll(() => server.close());

describe("a two-parameter command", () => {
  test("takes one parameter by flag and the other from each id", async () => {
    const before = server.requests.length;
    const { code, out } = await run([
      "users",
      "delete",
      "--disk-id",
      "d1",
      "7",
      "8",
      "--json",
      "--base-url",
      server.url,
    ]);
    expect(code).toBe(exitCodes.allConfirmed);
    expect(
      server.requests
        .slice(before)
        .map((request) => request.target)
        .sort(),
    ).toEqual(["/disks/d1/users/7", "/disks/d1/users/8"]);
    expect(
      out
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: unknown }).id),
    ).toEqual([
      ["d1", "7"],
      ["d1", "8"],
    ]);
  });

  test("reads both as columns from stdin, and refuses a line with the wrong number of columns unsent", async () => {
    const before = server.requests.length;
    const { code, out } = await run(["users", "delete", "--base-url", server.url], "d2,9\nd3 10\n# skip\nd4\n");
    expect(code).toBe(exitCodes.someFailed);
    expect(
      server.requests
        .slice(before)
        .map((request) => request.target)
        .sort(),
    ).toEqual(["/disks/d2/users/9", "/disks/d3/users/10"]);
    expect(out).toMatch(/^failed +d4 +InvalidArgumentError: Each id must be the tuple \[diskId, userId\]/m);
  });

  test("refuses a value its integer parameter cannot take, before sending", async () => {
    const before = server.requests.length;
    const { code, out } = await run(["users", "delete", "--disk-id", "d1", "seven", "--base-url", server.url]);
    expect(code).toBe(exitCodes.someFailed);
    expect(out).toContain("Invalid `userId`");
    expect(server.requests.length).toBe(before);
  });

  test("help comes from the spec's words, and an unknown command is a usage error", async () => {
    const help = await run(["users", "delete", "--help"]);
    expect(help.out).toContain("Remove a user from a disk");
    expect(help.out).toContain("--disk-id <string>  The disk");
    expect(help.out).toContain("--user-id <integer>  The user");
    expect((await run(["users", "purge"])).code).toBe(exitCodes.badUsage);
    const missingFile = await run(["users", "delete", "--file", "no-such-ids.txt", "--base-url", server.url]);
    expect(missingFile.code).toBe(exitCodes.badUsage);
    expect(missingFile.err).toContain("Cannot read the ids file");
    expect((await run([])).code).toBe(exitCodes.badUsage);
  });
});

describe("deleteMany's onSettled", () => {
  test("streams each outcome as it settles, a failure with its error", async () => {
    const seen: DeleteManyOutcome[] = [];
    const client = new Users({ baseUrl: server.url }) as unknown as {
      users: { deleteMany(ids: unknown, options: object): Promise<unknown> };
    };
    await client.users.deleteMany(
      [
        ["d1", 1],
        ["d1", -1],
      ],
      { onSettled: (outcome: DeleteManyOutcome) => seen.push(outcome) },
    );
    expect(seen.map((outcome) => ("error" in outcome ? "failed" : outcome.message))).toEqual(
      expect.arrayContaining(["removed", "failed"]),
    );
    expect(seen).toHaveLength(2);
  });

  test("with keepResults: false, holds no results and still streams every outcome", async () => {
    const seen: DeleteManyOutcome[] = [];
    const client = new Users({ baseUrl: server.url }) as unknown as {
      users: { deleteMany(ids: unknown, options: object): Promise<{ deleted: unknown[]; failed: unknown[] }> };
    };
    const ids = Array.from({ length: 20 }, (_, index) => ["d9", index]);
    const result = await client.users.deleteMany([...ids, ["d9", -1]], {
      keepResults: false,
      onSettled: (outcome: DeleteManyOutcome) => seen.push(outcome),
    });
    expect(result.deleted).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(seen).toHaveLength(21);
  });
});
