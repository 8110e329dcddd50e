/** A one-operation vendor for core tests: a `DELETE /things/{id}` with a string id, Bearer auth. */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { APIClient, type ApiSpec, type ClientOptions, type DeleteResource } from "../src/index.js";

export const thingsSpec = {
  name: "Things",
  env: "THINGS_TEST",
  title: "Things API",
  version: "1.0.0",
  servers: [{ url: "https://things.example.com" }],
  securitySchemes: {
    bearerAuth: {
      kind: "bearer",
      type: "http",
      in: "header",
      name: "Authorization",
      prefix: "Bearer ",
      options: [{ option: "token", env: "THINGS_TEST_TOKEN" }],
    },
  },
  operations: {
    deleteThing: {
      operationId: "deleteThing",
      method: "delete",
      path: "/things/{id}",
      pathParams: ["id"],
      params: [{ name: "id", in: "path", required: true, type: "string" }],
      security: [["bearerAuth"]],
      responses: {
        "200": {
          description: "Deleted",
          contentType: "application/json",
          schema: { type: "object", required: ["message"], properties: { message: { type: "string" } } },
        },
        "404": { description: "Thing not found" },
      },
    },
  },
  resources: { things: { delete: "deleteThing" } },
} as const satisfies ApiSpec;

/** A two-parameter path (`/disks/{diskId}/users/{userId}`, string and integer), no auth: ids are tuples. */
const messageBody = { type: "object", properties: { message: { type: "string" } } } as const;
export const usersSpec = {
  name: "Users",
  env: "USERS_TEST",
  title: "Users API",
  version: "1.0.0",
  servers: [{ url: "https://users.example.com" }],
  securitySchemes: {},
  operations: {
    deleteUser: {
      operationId: "deleteUser",
      method: "delete",
      path: "/disks/{diskId}/users/{userId}",
      pathParams: ["diskId", "userId"],
      params: [
        { name: "diskId", in: "path", required: true, type: "string" },
        { name: "userId", in: "path", required: true, type: "integer" },
      ],
      security: [],
      responses: { "200": { description: "Deleted", contentType: "application/json", schema: messageBody } },
    },
  },
  resources: { users: { delete: "deleteUser" } },
} as const satisfies ApiSpec;

export interface ThingsPaths {
  "/things/{id}": {
    delete: { parameters: { path: { id: string } } };
  };
}

/** What the generator would write into `resources.ts` for this spec. */
export interface Things {
  readonly things: DeleteResource<string, { message: string }>;
}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the resources attached at runtime.
export class Things extends APIClient<ThingsPaths> {
  constructor(options: ClientOptions & { token?: string } = {}) {
    super(thingsSpec, options);
  }
}

export const TOKEN = "things_secret_token_123";

/**
 * A node:http server on 127.0.0.1 for tests whose server must do more than answer at once (hold a
 * request, answer late). Tests that only need a scripted answer use `startScriptedServer`.
 */
export async function startLoopbackServer(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
