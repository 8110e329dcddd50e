/**
 * The spec-driven test server and the `testVendor` descriptor, on core's one-operation fixture
 * vendor: with no vendor code at all, the server keeps ids until deleted, answers what the spec
 * documents (examples first, else bodies built from the schema), refuses a wrong credential with
 * 401 before any state changes, and records requests with the credential masked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, NotFoundError } from "../src/index.js";
import type { ApiSpec } from "../src/spec.js";
import { defineTestVendor, documentedBody, type SpecServer, startSpecServer } from "../src/testing/index.js";
import { Things, thingsSpec } from "./fixtures.js";

const testVendor = defineTestVendor({ spec: thingsSpec, Client: Things });

const servers: SpecServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("defineTestVendor", () => {
  it("reads the helper, id rules and credential from the generated facts", () => {
    expect(testVendor).toMatchObject({
      name: "Things",
      resourceName: "things",
      method: "delete",
      operationId: "deleteThing",
      pathTemplate: "/things/{id}",
      pathPrefix: "/things/",
      logEnv: "THINGS_TEST_LOG",
      credentialOption: "token",
      errorStatuses: [404],
      regions: [],
    });
    // Bearer's prefix is the SDK's to add: the credential a caller holds carries none.
    expect(testVendor.credential).toBe(testVendor.secrets[0]);
    expect(testVendor.ids(2)).toEqual(["tok5a17", "tok5a18"]);
    expect(testVendor.isValidId("..")).toBe(false);
    expect(testVendor.invalidIds.every((id) => !testVendor.isValidId(id))).toBe(true);
  });
});

describe("the default, spec-driven server", () => {
  it("keeps ids until deleted and answers with the documented bodies", async () => {
    const [id, other] = testVendor.ids(2);
    const running = await testVendor.start({ ids: [id, other] });
    servers.push(running.server);
    const things = testVendor.resource({ baseUrl: running.server.url, maxRetries: 0 });

    const deleted = await things.delete(id);
    // The 200 documents `{ message: string }` and no example: the string is the response's description.
    expect(deleted).toMatchObject({ id, message: "Deleted", alreadyGone: false });
    expect([...running.liveIds]).toEqual([other]);
    await expect(things.delete(id)).rejects.toBeInstanceOf(NotFoundError);
    // The 404 is documented without a body, so the server sends none and the status line is the message.
    await expect(things.delete(id)).rejects.toThrow("404 Not Found");
    expect(await things.delete(id, { missingOk: true })).toMatchObject({ alreadyGone: true });
    expect(running.server.requests.flatMap((request) => request.violations)).toEqual([]);
  });

  it("refuses a wrong credential with 401 before any state changes, and masks what it records", async () => {
    const [id] = testVendor.ids(1);
    const running = await testVendor.start({ ids: [id] });
    servers.push(running.server);
    const intruder = testVendor.resource({ baseUrl: running.server.url, maxRetries: 0, credential: "wrong_token_77" });
    await expect(intruder.delete(id)).rejects.toBeInstanceOf(AuthenticationError);
    expect(running.liveIds.has(id)).toBe(true);

    await testVendor.resource({ baseUrl: running.server.url, maxRetries: 0 }).delete(id);
    const recorded = JSON.stringify(running.server.requests);
    expect(recorded).not.toContain("wrong_token_77");
    expect(recorded).not.toContain(testVendor.credential);
    expect(running.server.requests.map((request) => request.status)).toEqual([401, 200]);
  });
});

describe("startSpecServer without handlers", () => {
  const spec = {
    ...thingsSpec,
    operations: {
      ...thingsSpec.operations,
      getThing: {
        operationId: "getThing",
        method: "get",
        path: "/things/{id}",
        pathParams: ["id"],
        params: [{ name: "id", in: "path", required: true, type: "string" }],
        security: [["bearerAuth"]],
        responses: {
          "200": { description: "The thing", example: { id: "t1", name: "Example thing" } },
          default: {
            description: "Unexpected error",
            schema: { type: "object", properties: { code: { type: "integer" }, detail: { type: "string" } } },
          },
        },
      },
    },
  } as const satisfies ApiSpec;

  it("answers an operation nobody wrote a rule for with its documented example, not 501", async () => {
    const server = await startSpecServer({ spec });
    servers.push(server);
    const response = await fetch(`${server.url}/things/t1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "t1", name: "Example thing" });
  });

  it("builds error bodies from the documented schema, falling back to `default`", () => {
    const getThing = spec.operations.getThing;
    expect(documentedBody(getThing, 503, "try later")).toEqual({ code: 0, detail: "try later" });
    expect(documentedBody(getThing, 200)).toEqual({ id: "t1", name: "Example thing" });
    expect(documentedBody(thingsSpec.operations.deleteThing, 404)).toBeUndefined();
  });
});
