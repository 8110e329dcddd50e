/**
 * An in-memory Archil control plane on 127.0.0.1 for tests and demos. It speaks Archil's envelope
 * (`{success, data}` / `{success: false, error}`), answers 401 for a missing or unknown key and 404
 * for an unknown token id, with the spec's response descriptions as messages.
 */
import {
  defineTestVendor,
  type HandlerContext,
  type SpecServer,
  specMessage,
  startSpecServer,
  type TestVendor,
} from "@sdkforge/core/testing";
import { Archil } from "./client.js";
import { testingSpec } from "./generated/testing-spec.js";

// Fault injection works on this server as on any spec server; re-exported so tests need only this package.
export { type Fault, type FaultOptions, faults } from "@sdkforge/core/testing";
/** The spec facts with every documented response, as this server answers them. */
export { testingSpec };

export interface ArchilServerOptions {
  /** The API key the server accepts, with its `key-` prefix. Default `key-test_archil_api_key`. */
  apiKey?: string;
  /** API-token ids (hashes) that exist at start. Default `["9c0f2d1e7a"]`. */
  tokenIds?: Iterable<string>;
  port?: number;
  /** `Access-Control-Allow-Origin` for browser tests. */
  cors?: string;
}

export interface ArchilServer extends SpecServer {
  readonly apiKey: string;
  /** Live state: ids that still exist. */
  readonly tokenIds: Set<string>;
}

const errorBody = (error: string) => ({ success: false, error });

export async function startArchilServer(options: ArchilServerOptions = {}): Promise<ArchilServer> {
  const apiKey = options.apiKey ?? "key-test_archil_api_key";
  const tokenIds = new Set(options.tokenIds ?? ["9c0f2d1e7a"]);
  const expected = apiKey.replace(/^key-/, "");

  const deleteApiToken = ({ operation, pathParams, credential }: HandlerContext) => {
    const fail = (status: number) => ({ status, body: errorBody(specMessage(operation, status)) });
    if (credential !== expected) return fail(401);
    if (!tokenIds.delete(pathParams.id ?? "")) return fail(404);
    return { status: 200, body: { success: true, data: { message: specMessage(operation, 200) } } };
  };

  const server = await startSpecServer({
    spec: testingSpec,
    errorBody,
    handlers: { deleteApiToken },
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
  });
  return { ...server, apiKey, tokenIds };
}

/** The standard description the cross-vendor suites and tools drive this SDK through. */
export const testVendor: TestVendor = defineTestVendor({
  spec: testingSpec,
  Client: Archil,
  async start({ ids, credential, cors, port }) {
    const server = await startArchilServer({
      apiKey: credential,
      tokenIds: ids as Iterable<string>,
      ...(cors === undefined ? {} : { cors }),
      ...(port === undefined ? {} : { port }),
    });
    return { server, liveIds: server.tokenIds as Set<unknown> };
  },
});
