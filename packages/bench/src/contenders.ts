/**
 * The clients compared, each set up the way its documentation says, each deleting one token per
 * `run()` and checking the answer, so a contender that silently failed could not look fast.
 *
 * Every contender uses the global `fetch`, as most applications do: the in-process run swaps a
 * memory-backed one in before the clients are created (openapi-fetch and `disk` capture the
 * global at creation; the sdkforge clients look it up per call).
 */
import type { paths as ArchilPaths } from "@sdkforge/archil";
import { Archil } from "@sdkforge/archil";
import type { paths as VectorAIPaths } from "@sdkforge/vectorai";
import { VectorAI } from "@sdkforge/vectorai";
import { Archil as DiskArchil } from "disk";
import createClient from "openapi-fetch";
import type { Contender } from "./harness.js";

export const VECTORAI_TOKEN = "vdai_bench_admin_token_0123456789";
export const ARCHIL_API_KEY = "key-bench_archil_api_key_0123456789";
export const VECTORAI_ID = 12;
export const ARCHIL_ID = "9c0f2d1e7a";

export const NAMES = {
  rawVectorAI: "raw fetch (VectorAI route)",
  rawArchil: "raw fetch (Archil route)",
  openapiFetchVectorAI: "bare openapi-fetch (VectorAI route)",
  openapiFetchArchil: "bare openapi-fetch (Archil route)",
  vectorai: "@sdkforge/vectorai accessTokens.delete",
  archil: "@sdkforge/archil apiTokens.delete",
  disk: "disk (official Archil SDK) tokens.delete",
  archilFetchOption: "@sdkforge/archil, `fetch` option",
} as const;

export type ContenderName = (typeof NAMES)[keyof typeof NAMES];

/** Which raw-fetch and bare-openapi-fetch contenders each contender is compared with: the same route. */
export const BASELINES: Readonly<Record<ContenderName, { raw: ContenderName; openapiFetch: ContenderName }>> = {
  [NAMES.rawVectorAI]: { raw: NAMES.rawVectorAI, openapiFetch: NAMES.openapiFetchVectorAI },
  [NAMES.openapiFetchVectorAI]: { raw: NAMES.rawVectorAI, openapiFetch: NAMES.openapiFetchVectorAI },
  [NAMES.vectorai]: { raw: NAMES.rawVectorAI, openapiFetch: NAMES.openapiFetchVectorAI },
  [NAMES.rawArchil]: { raw: NAMES.rawArchil, openapiFetch: NAMES.openapiFetchArchil },
  [NAMES.openapiFetchArchil]: { raw: NAMES.rawArchil, openapiFetch: NAMES.openapiFetchArchil },
  [NAMES.archil]: { raw: NAMES.rawArchil, openapiFetch: NAMES.openapiFetchArchil },
  [NAMES.disk]: { raw: NAMES.rawArchil, openapiFetch: NAMES.openapiFetchArchil },
  [NAMES.archilFetchOption]: { raw: NAMES.rawArchil, openapiFetch: NAMES.openapiFetchArchil },
};

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark contender got a wrong answer: ${what}`);
}

export function createContenders(baseUrl: string): Contender[] {
  const vectoraiAuth = `Bearer ${VECTORAI_TOKEN}`;
  const openapiVectorAI = createClient<VectorAIPaths>({ baseUrl, headers: { Authorization: vectoraiAuth } });
  const openapiArchil = createClient<ArchilPaths>({ baseUrl, headers: { Authorization: ARCHIL_API_KEY } });
  const vectorai = new VectorAI({ token: VECTORAI_TOKEN, baseUrl });
  const archil = new Archil({ apiKey: ARCHIL_API_KEY, baseUrl });
  // `disk` requires `region` even when given `baseUrl`; `baseUrl` then wins for the control plane.
  const disk = new DiskArchil({ apiKey: ARCHIL_API_KEY, region: "aws-us-east-1", baseUrl });

  return [
    {
      name: NAMES.rawVectorAI,
      async run() {
        const response = await fetch(`${baseUrl}/auth/access_token/${VECTORAI_ID}`, {
          method: "DELETE",
          headers: { Authorization: vectoraiAuth },
        });
        expect(response.ok, `status ${response.status}`);
        const body = (await response.json()) as { status?: unknown };
        expect(body.status === "success", "VectorAI body");
      },
    },
    {
      name: NAMES.rawArchil,
      async run() {
        const response = await fetch(`${baseUrl}/api/tokens/${encodeURIComponent(ARCHIL_ID)}`, {
          method: "DELETE",
          headers: { Authorization: ARCHIL_API_KEY },
        });
        expect(response.ok, `status ${response.status}`);
        const body = (await response.json()) as { success?: unknown };
        expect(body.success === true, "Archil body");
      },
    },
    {
      name: NAMES.openapiFetchVectorAI,
      async run() {
        // The spec declares the Authorization header as a parameter, so the typed call passes it.
        const { data, error } = await openapiVectorAI.DELETE("/auth/access_token/{token_id}", {
          params: { path: { token_id: VECTORAI_ID }, header: { Authorization: vectoraiAuth } },
        });
        expect(error === undefined && data?.status === "success", "VectorAI body");
      },
    },
    {
      name: NAMES.openapiFetchArchil,
      async run() {
        const { data, error } = await openapiArchil.DELETE("/api/tokens/{id}", { params: { path: { id: ARCHIL_ID } } });
        expect(error === undefined && data?.success === true, "Archil body");
      },
    },
    {
      name: NAMES.vectorai,
      async run() {
        const result = await vectorai.accessTokens.delete(VECTORAI_ID);
        expect(result.message.length > 0 && !result.alreadyGone, "VectorAI result");
      },
    },
    {
      name: NAMES.archil,
      async run() {
        const result = await archil.apiTokens.delete(ARCHIL_ID);
        expect(result.message.length > 0 && !result.alreadyGone, "Archil result");
      },
    },
    {
      name: NAMES.disk,
      async run() {
        // Resolves to nothing; throws ArchilApiError on any failure.
        await disk.tokens.delete(ARCHIL_ID);
      },
    },
  ];
}

/**
 * The Archil client given its `fetch` as an option instead of finding it on `globalThis`: run in
 * process only, to show what that path costs.
 */
export function archilWithFetchOption(baseUrl: string, fetchOption: typeof fetch): Contender {
  const archil = new Archil({ apiKey: ARCHIL_API_KEY, baseUrl, fetch: fetchOption });
  return {
    name: NAMES.archilFetchOption,
    async run() {
      const result = await archil.apiTokens.delete(ARCHIL_ID);
      expect(result.message.length > 0 && !result.alreadyGone, "Archil result");
    },
  };
}

const VECTORAI_SUCCESS = JSON.stringify({ status: "success", message: "Access token deleted successfully" });
const ARCHIL_SUCCESS = JSON.stringify({ success: true, data: { message: "Token deleted successfully" } });

/**
 * A `fetch` that answers from memory with the vendor's 200 body for the route asked, so what
 * remains is client CPU. Like a real `fetch` it reads the URL; unlike one it never touches a socket.
 */
export function memoryFetch(): typeof fetch {
  const headersFor = (body: string) => ({
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
  });
  const vectoraiHeaders = headersFor(VECTORAI_SUCCESS);
  const archilHeaders = headersFor(ARCHIL_SUCCESS);
  return async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return url.includes("/api/tokens/")
      ? new Response(ARCHIL_SUCCESS, { status: 200, headers: archilHeaders })
      : new Response(VECTORAI_SUCCESS, { status: 200, headers: vectoraiHeaders });
  };
}
