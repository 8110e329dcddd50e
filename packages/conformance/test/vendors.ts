/**
 * The two SDKs under test, described once so that every suite runs unchanged against both.
 * Credentials are distinctive strings so that a leak anywhere is easy to find.
 */
import { Archil, spec as archilSpec } from "@sdkforge/archil";
import { startArchilServer } from "@sdkforge/archil/testing";
import type {
  ApiSpec,
  ClientOptions,
  DeleteManyOptions,
  DeleteManyResult,
  DeleteOptions,
  DeleteResult,
} from "@sdkforge/core";
import type { SpecServer } from "@sdkforge/core/testing";
import { VectorAI, spec as vectoraiSpec } from "@sdkforge/vectorai";
import { startVectorAIServer } from "@sdkforge/vectorai/testing";

/** A vendor's delete resource with the id type erased, so suites can also feed it wrong ids on purpose. */
export interface AnyDeleteResource {
  delete(
    id: unknown,
    options?: DeleteOptions,
  ): PromiseLike<DeleteResult<unknown>> & {
    withResponse(): Promise<{ data: DeleteResult<unknown>; response: Response }>;
  };
  deleteMany(ids: Iterable<unknown>, options?: DeleteManyOptions): Promise<DeleteManyResult<unknown>>;
}

export interface VendorServer {
  readonly server: SpecServer;
  /** Live set of ids that exist on the server. */
  readonly tokenIds: Set<unknown>;
}

export interface VendorUnderTest {
  readonly name: "VectorAI" | "Archil";
  /** The generated facts the client runs on. */
  readonly spec: ApiSpec;
  /** The templated path of the delete operation, as it must appear in errors and logs. */
  readonly pathTemplate: string;
  /** The request target prefix before the id. */
  readonly pathPrefix: string;
  readonly operationId: string;
  /** The env var that supplies `baseUrl`, when the vendor reads one. */
  readonly baseUrlEnv?: string;
  /** The env var that overrides `logLevel`. */
  readonly logEnv: string;
  /** The credential the client is given and the server accepts. */
  readonly credential: string;
  /** Every substring of the credential that must never leave the SDK. */
  readonly secrets: readonly string[];
  /** The spec file, relative to the repository root. */
  readonly specFile: string;
  /** `n` distinct valid ids, deterministic. */
  ids(n: number, offset?: number): unknown[];
  /** Ids the SDK must refuse before sending anything. */
  readonly invalidIds: readonly unknown[];
  /** Whether the SDK must accept `id` (as opposed to refusing it locally). */
  isValidId(id: unknown): boolean;
  start(ids: Iterable<unknown>): Promise<VendorServer>;
  /** A client pointed at `baseUrl` with this vendor's credential unless `credential` says otherwise. */
  resource(options: ClientOptions & { baseUrl: string; credential?: string }): AnyDeleteResource;
}

const VECTORAI_TOKEN = "vdai_S3cretConformanceToken7Q2x";
const ARCHIL_BARE_KEY = "S3cretConformanceKey7Q2xArchil";

export const vectorai: VendorUnderTest = {
  name: "VectorAI",
  spec: vectoraiSpec,
  pathTemplate: "/auth/access_token/{token_id}",
  pathPrefix: "/auth/access_token/",
  operationId: "delete_access_token",
  logEnv: "VECTORAI_LOG",
  baseUrlEnv: "VECTORAI_BASE_URL",
  credential: VECTORAI_TOKEN,
  secrets: [VECTORAI_TOKEN],
  specFile: "specs/vectorai.yaml",
  ids: (n, offset = 0) => Array.from({ length: n }, (_, i) => 48_213 + offset + i),
  invalidIds: [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "12", null, undefined, {}],
  isValidId: (id) => typeof id === "number" && Number.isSafeInteger(id) && id >= 0,
  async start(ids) {
    const server = await startVectorAIServer({ adminToken: VECTORAI_TOKEN, tokenIds: ids as Iterable<number> });
    return { server, tokenIds: server.tokenIds as Set<unknown> };
  },
  resource({ credential, ...options }) {
    return new VectorAI({ ...options, token: credential ?? VECTORAI_TOKEN }).accessTokens as AnyDeleteResource;
  },
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const archil: VendorUnderTest = {
  name: "Archil",
  spec: archilSpec,
  pathTemplate: "/api/tokens/{id}",
  pathPrefix: "/api/tokens/",
  operationId: "deleteApiToken",
  logEnv: "ARCHIL_LOG",
  credential: `key-${ARCHIL_BARE_KEY}`,
  secrets: [ARCHIL_BARE_KEY],
  specFile: "specs/archil.yaml",
  ids: (n, offset = 0) => Array.from({ length: n }, (_, i) => `tok${(0x5a17 + offset + i).toString(16)}`),
  invalidIds: ["", ".", "..", "a\u0000b", "line\nbreak", "\ud800", 12, null, undefined],
  isValidId: (id) =>
    typeof id === "string" && id !== "" && id !== "." && id !== ".." && !CONTROL.test(id) && id.isWellFormed(),
  async start(ids) {
    const server = await startArchilServer({ apiKey: `key-${ARCHIL_BARE_KEY}`, tokenIds: ids as Iterable<string> });
    return { server, tokenIds: server.tokenIds as Set<unknown> };
  },
  resource({ credential, ...options }) {
    return new Archil({ ...options, apiKey: credential ?? `key-${ARCHIL_BARE_KEY}` }).apiTokens as AnyDeleteResource;
  },
};

export const VENDORS: readonly VendorUnderTest[] = [vectorai, archil];
