/**
 * Two path parameters, an enum parameter, query, header parameters and body: positional arguments
 * typed from the generated paths, options required when the spec requires them, each value one
 * encoded segment, and a tuple for `id`.
 */

import { InvalidArgumentError } from "@sdkforge/core";
import { type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSUMER_PRELUDE, clientFor, generateFixture, typecheck } from "../helpers.ts";

const generated = await generateFixture("path-params", "disks");
const Client = clientFor(generated.facts.spec);

describe("generated types", () => {
  it("type-check a consumer, and refuse what the spec does not allow", async () => {
    const consumer = `${CONSUMER_PRELUDE}
const client = new Client({ token: "t" });
export async function calls(): Promise<void> {
  const removed = await client.diskUsers.delete(12, "u-1");
  const id: readonly [number, string] = removed.id;
  const flag: boolean | undefined = removed.data?.removed;
  void id;
  void flag;
  await client.diskUsers.deleteMany([[12, "u-1"], [13, "u-2"]], { concurrency: 2 });
  await client.records.delete("eu", 7, { query: { cascade: true } });
  await client.records.delete("us", 7);
  await client.buckets.delete("logs", { query: { confirm: "yes" }, body: { reason: "cleanup" } });
  // @ts-expect-error a string id where the spec says integer
  await client.diskUsers.delete("12", "u-1");
  // @ts-expect-error both path parameters are required
  await client.diskUsers.delete(12);
  // @ts-expect-error an enum parameter only takes its values
  await client.records.delete("mars", 7);
  // @ts-expect-error the query and body are required here
  await client.buckets.delete("logs");
  // @ts-expect-error the body's shape comes from the spec
  await client.buckets.delete("logs", { query: { confirm: "yes" }, body: { why: "x" } });
  // @ts-expect-error the operation takes no body
  await client.records.delete("eu", 7, { body: {} });
  await client.pools.delete("p-1", { header: { "X-Dangerous": true, "X-Audit-Note": "cleanup" } });
  // @ts-expect-error the X-Dangerous header parameter is required
  await client.pools.delete("p-1");
  // @ts-expect-error it is a boolean in the spec
  await client.pools.delete("p-1", { header: { "X-Dangerous": "yes" } });
}
`;
    await typecheck({ disks: { generated, consumer } });
  }, 60_000);

  it("carry the spec's words on hover", () => {
    const resources = generated.file("resources.ts");
    expect(resources).toContain(`    /**
     * Remove a user from a disk
     *
     * The user loses access at once; their mounts are closed.
     *
     * \`DELETE /api/disks/{diskId}/users/{userId}\` (operation \`removeDiskUser\`).
     * @param diskId The disk's id.
     * @param userId The user's id (not their e-mail).`);
    expect(resources).toContain("Each id is the tuple `[diskId, userId]`, in path order; so is each result's `id`.");
    expect(resources).toContain("  /**\n   * Users authorized on a disk.\n   */\n  readonly diskUsers: {");
  });
});

describe("at run time", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((request) =>
      request.target.startsWith("/api/disks/")
        ? { status: 200, body: { removed: true } }
        : // Each path answers the success its operation documents: a 202 for the buckets and the pools.
          { status: /^\/api\/(buckets|pools)\//.test(request.target) ? 202 : 204 },
    );
  });
  afterAll(() => server.close());

  it("sends each path value as one encoded segment and resolves with the tuple and the body", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    const result = await client.diskUsers?.delete?.(12, "a/b c");
    expect(result).toEqual({
      id: [12, "a/b c"],
      message: "",
      alreadyGone: false,
      confirmedByRetry: false,
      data: { removed: true },
    });
    expect(server.requests.at(-1)?.target).toBe("/api/disks/12/users/a%2Fb%20c");
  });

  it("refuses dot segments and values outside an enum before sending", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    const before = server.requests.length;
    await expect(client.diskUsers?.delete?.(12, "..")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.records?.delete?.("mars", 1)).rejects.toThrow(/expected one of eu, us/);
    await expect(client.buckets?.delete?.("logs", { body: { reason: "x" } })).rejects.toThrow(/`confirm`/);
    await expect(client.buckets?.delete?.("logs", { query: { confirm: "yes" } })).rejects.toThrow(/request body/);
    expect(server.requests).toHaveLength(before);
  });

  it("sends the query and the JSON body; any 2xx is a success", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    await expect(client.records?.delete?.("eu", 7, { query: { cascade: true } })).resolves.toMatchObject({
      id: ["eu", 7],
    });
    await client.buckets?.delete?.("logs", { query: { confirm: "yes" }, body: { reason: "cleanup" } });
    const [records, buckets] = server.requests.slice(-2);
    expect(records?.target).toBe("/api/zones/eu/records/7?cascade=true");
    expect(buckets).toMatchObject({ target: "/api/buckets/logs?confirm=yes", body: '{"reason":"cleanup"}' });
  });

  it("sends header parameters as the spec types them, and never lets one replace the credential", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    const header = { "X-Dangerous": true, "X-Audit-Note": "cleanup", Authorization: "Bearer forged" };
    await expect(client.pools?.delete?.("p-1", { header })).resolves.toMatchObject({ id: "p-1" });
    expect(server.requests.at(-1)?.headers).toMatchObject({
      "x-dangerous": "true",
      "x-audit-note": "cleanup",
      authorization: "Bearer tok_path_params",
    });
  });

  it("refuses a missing required header parameter, or one HTTP cannot carry, before sending", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    const before = server.requests.length;
    await expect(client.pools?.delete?.("p-1")).rejects.toThrow(
      "Missing required header parameter `X-Dangerous` (pass it in `options.header`).",
    );
    const injected = { "X-Dangerous": true, "X-Audit-Note": "a\r\nX-Admin: 1" };
    await expect(client.pools?.delete?.("p-1", { header: injected })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.pools?.delete?.("p-1", { header: { "X-Dangerous": { yes: 1 } } })).rejects.toThrow(
      /`header`: the value of X-Dangerous must be a string/i,
    );
    expect(server.requests).toHaveLength(before);
  });

  it("deletes tuples in bulk, each distinct tuple once, refusing malformed ones", async () => {
    const client = new Client({ token: "tok_path_params", baseUrl: server.url });
    const before = server.requests.length;
    const result = (await client.diskUsers?.deleteMany?.([[1, "a"], [1, "a"], [2, "b"], [3]])) as {
      deleted: { id: unknown }[];
      failed: { id: unknown; error: Error }[];
    };
    expect(result.deleted.map((d) => d.id)).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(result.failed.map((f) => [f.id, f.error.constructor])).toEqual([[[3], InvalidArgumentError]]);
    expect(server.requests.length - before).toBe(2);
  });
});
