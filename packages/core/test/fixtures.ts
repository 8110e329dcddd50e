/** A one-operation vendor for core tests: a `DELETE /things/{id}` with a string id, Bearer auth. */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { APIClient, type ApiSpec, type ClientOptions, type ResourcesOf, type VendorDefinition } from "../src/index.js";

export const thingsSpec = {
  title: "Things API",
  version: "1.0.0",
  servers: [{ url: "https://things.example.com", description: "Production" }],
  security: { type: "http", header: "Authorization", prefix: "Bearer " },
  operations: {
    deleteThing: {
      operationId: "deleteThing",
      method: "delete",
      path: "/things/{id}",
      summary: "Delete a thing",
      tag: "Things",
      resource: "things",
      params: [{ name: "id", in: "path", required: true, type: "string" }],
      responses: {
        "200": {
          description: "Deleted",
          schema: { type: "object", required: ["message"], properties: { message: { type: "string" } } },
        },
        "404": { description: "Thing not found" },
      },
    },
  },
  resources: { things: { delete: "deleteThing" } },
} as const satisfies ApiSpec;

export interface ThingsPaths {
  "/things/{id}": {
    delete: { parameters: { path: { id: string } } };
  };
}

const vendor: VendorDefinition = {
  name: "Things",
  spec: thingsSpec,
  credential: { option: "token", env: "THINGS_TEST_TOKEN" },
  logLevelEnv: "THINGS_TEST_LOG",
};

export interface Things extends ResourcesOf<ThingsPaths, typeof thingsSpec> {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the resources attached at runtime.
export class Things extends APIClient<ThingsPaths> {
  constructor(options: ClientOptions & { token?: string } = {}) {
    const { token, ...rest } = options;
    super(vendor, { ...rest, credential: token });
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
