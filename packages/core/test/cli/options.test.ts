import { describe, expect, it } from "vitest";
import { type Command, listCommands } from "../../src/cli/commands.js";
import { parseRunOptions, UsageError } from "../../src/cli/options.js";
import type { ApiSpec } from "../../src/index.js";
import { thingsSpec } from "../fixtures.js";

const program = (spec: ApiSpec) => ({ bin: "t", packageName: "t", version: "0", spec, Client: class {}, docs: {} });
const [things] = listCommands(program(thingsSpec)) as [Command];

const usersSpec: ApiSpec = {
  ...thingsSpec,
  operations: {
    deleteUser: {
      operationId: "deleteUser",
      method: "delete",
      path: "/disks/{disk_id}/users/{file}",
      pathParams: ["disk_id", "file"],
      params: [
        { name: "disk_id", in: "path", required: true, type: "string" },
        { name: "file", in: "path", required: true, type: "integer" },
      ],
      security: [],
      responses: {},
    },
  },
  resources: { diskUsers: { delete: "deleteUser" } },
};
const [users] = listCommands(program(usersSpec)) as [Command];

describe("parseRunOptions", () => {
  it("reads ids and every flag", () => {
    const argv = ["tok_1", "--file", "ids.txt", "--journal=run.jsonl", "--missing-ok", "--dry-run", "--json"];
    expect(parseRunOptions([...argv, "--concurrency", "8", "--query", "force=true", "tok_2"], things)).toEqual({
      ids: ["tok_1", "tok_2"],
      file: "ids.txt",
      journal: "run.jsonl",
      missingOk: true,
      dryRun: true,
      json: true,
      concurrency: 8,
      retryFailed: false,
      query: { force: "true" },
      pathValues: {},
      help: false,
    });
  });

  it("has safe defaults", () => {
    expect(parseRunOptions([], things)).toMatchObject({ ids: [], missingOk: false, dryRun: false, concurrency: 4 });
  });

  it("treats everything after -- as ids", () => {
    expect(parseRunOptions(["--", "--json"], things).ids).toEqual(["--json"]);
  });

  it.each([["0"], ["-1"], ["2.5"], ["lots"], [""], ["257"]])("refuses --concurrency %j", (value) => {
    expect(() => parseRunOptions(["--concurrency", value], things)).toThrow(UsageError);
  });

  it("refuses unknown flags, including any attempt to pass a credential, without echoing the value", () => {
    for (const argv of [["--token", "sk_live_1"], ["--api-key=sk_live_1"], ["--token=sk_live_1"]]) {
      expect(() => parseRunOptions(argv, things)).toThrow(UsageError);
      expect(() => parseRunOptions(argv, things)).not.toThrow(/sk_live_1/);
    }
  });

  it("gives each path parameter a flag, prefixing one that would collide with a common flag", () => {
    expect(users.words).toEqual(["disk-users", "delete"]);
    expect(users.pathFlags.map(({ flag }) => flag)).toEqual(["disk-id", "path-file"]);
    expect(parseRunOptions(["--disk-id", "d1", "7", "8"], users)).toMatchObject({
      pathValues: { disk_id: "d1" },
      ids: ["7", "8"],
    });
    expect(() => parseRunOptions(["--disk-id", "d1", "--path-file", "7", "8"], users)).toThrow(UsageError);
  });

  it("refuses --retry-failed without a journal", () => {
    expect(() => parseRunOptions(["--retry-failed"], things)).toThrow(/--journal/);
  });
});
