/**
 * An in-memory VectorAI server on 127.0.0.1 for tests and demos. It follows the vendor docs:
 * 403 while auth is disabled, 401 for a missing or unknown admin token, 404 for an unknown id,
 * and the spec's example messages.
 */
import {
  defineTestVendor,
  type HandlerContext,
  type SpecServer,
  specMessage,
  startSpecServer,
  type TestVendor,
} from "@sdkforge/core/testing";
import { VectorAI } from "./client.js";
import { testingSpec } from "./generated/testing-spec.js";

// Fault injection works on this server as on any spec server; re-exported so tests need only this package.
export { type Fault, type FaultOptions, faults } from "@sdkforge/core/testing";
/** The spec facts with every documented response, as this server answers them. */
export { testingSpec };

export interface VectorAIServerOptions {
  /** The admin token the server accepts. Default `vdai_test_admin_token`. */
  adminToken?: string;
  /** Access-token ids that exist at start. Default `[12]`. */
  tokenIds?: Iterable<number>;
  /** Mirrors the server flag `auth_enabled`; when false the token API answers 403. Default true. */
  authEnabled?: boolean;
  port?: number;
  /** `Access-Control-Allow-Origin` for browser tests. */
  cors?: string;
}

export interface VectorAIServer extends SpecServer {
  readonly adminToken: string;
  /** Live state: ids that still exist. */
  readonly tokenIds: Set<number>;
  authEnabled: boolean;
}

const errorBody = (message: string) => ({ status: "error", message });

export async function startVectorAIServer(options: VectorAIServerOptions = {}): Promise<VectorAIServer> {
  const adminToken = options.adminToken ?? "vdai_test_admin_token";
  const tokenIds = new Set(options.tokenIds ?? [12]);
  const state = { authEnabled: options.authEnabled ?? true };

  const deleteAccessToken = ({ operation, pathParams, credential }: HandlerContext) => {
    const reply = (status: number) => ({
      status,
      body:
        status === 200
          ? { status: "success", message: specMessage(operation, 200) }
          : errorBody(specMessage(operation, status)),
    });
    if (!state.authEnabled) return reply(403);
    if (credential !== adminToken) return reply(401);
    const id = Number(pathParams.token_id);
    if (!tokenIds.delete(id)) return reply(404);
    return reply(200);
  };

  const server = await startSpecServer({
    spec: testingSpec,
    errorBody,
    handlers: { delete_access_token: deleteAccessToken },
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
  });
  return {
    ...server,
    adminToken,
    tokenIds,
    get authEnabled() {
      return state.authEnabled;
    },
    set authEnabled(value: boolean) {
      state.authEnabled = value;
    },
  };
}

/** The standard description the cross-vendor suites and tools drive this SDK through. */
export const testVendor: TestVendor = defineTestVendor({
  spec: testingSpec,
  Client: VectorAI,
  async start({ ids, credential, cors, port }) {
    const server = await startVectorAIServer({
      adminToken: credential,
      tokenIds: ids as Iterable<number>,
      ...(cors === undefined ? {} : { cors }),
      ...(port === undefined ? {} : { port }),
    });
    return { server, liveIds: server.tokenIds as Set<unknown> };
  },
});
