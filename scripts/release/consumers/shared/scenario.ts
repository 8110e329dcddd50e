/**
 * What every consumer project does with the published packages: a delete on each SDK against its
 * embedded server from `/testing`, then the typed errors for a 404 and a 401. Copied into each
 * consumer's `src/`, so it is compiled (and resolved) under that project's module system.
 */
import { Archil } from "@sdkforge/archil";
import { startArchilServer } from "@sdkforge/archil/testing";
import { AuthenticationError, NotFoundError, VectorAI } from "@sdkforge/vectorai";
import { startVectorAIServer } from "@sdkforge/vectorai/testing";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    check(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  throw new Error(`consumer check failed: expected ${type.name}, but the call succeeded`);
}

export async function exercise(label: string): Promise<void> {
  const vectoraiServer = await startVectorAIServer({ tokenIds: [12] });
  const archilServer = await startArchilServer({ tokenIds: ["9c0f2d1e7a"] });
  try {
    const vectorai = new VectorAI({ token: vectoraiServer.adminToken, baseUrl: vectoraiServer.url, maxRetries: 0 });
    const deleted = await vectorai.accessTokens.delete(12);
    check(deleted.id === 12 && !deleted.alreadyGone && deleted.message !== "", "VectorAI delete result");
    check(!vectoraiServer.tokenIds.has(12), "VectorAI token removed on the server");
    await rejectsWith(vectorai.accessTokens.delete(12), NotFoundError);

    const archil = new Archil({ apiKey: archilServer.apiKey, baseUrl: archilServer.url, maxRetries: 0 });
    const removed = await archil.apiTokens.delete("9c0f2d1e7a");
    check(removed.id === "9c0f2d1e7a" && archilServer.tokenIds.size === 0, "Archil delete");
    const wrongKey = new Archil({ apiKey: "key-not_the_right_one", baseUrl: archilServer.url, maxRetries: 0 });
    const denied = await rejectsWith(wrongKey.apiTokens.delete("9c0f2d1e7a"), AuthenticationError);
    check(!denied.message.includes("not_the_right_one"), "the rejected key stays out of the error message");

    // Compile-time checks: if the published declarations degraded to `any`, these lines would stop
    // being errors and `@ts-expect-error` would fail the type-check.
    const typeChecksOnly = (): void => {
      // @ts-expect-error VectorAI token ids are numbers.
      void vectorai.accessTokens.delete("12");
      // @ts-expect-error Archil token ids are strings.
      void archil.apiTokens.delete(12);
      // @ts-expect-error regions come from the spec's servers.
      void new Archil({ apiKey: "key-x", region: "nowhere" });
    };
    void typeChecksOnly;
    check(
      vectoraiServer.requests.every((request) => request.violations.length === 0),
      "requests match the spec",
    );
    console.log(`${label}: deletes, 404 and 401 behave as documented`);
  } finally {
    await Promise.all([vectoraiServer.close(), archilServer.close()]);
  }
}
