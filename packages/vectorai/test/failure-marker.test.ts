/**
 * A 2xx body that says it failed is not a deletion: the overlay beside the spec
 * (`specs/vectorai.overlay.yaml`) marks `status: "error"` as VectorAI's failure report.
 */
import { startScriptedServer } from "@sdkforge/core/testing";
import { expect, it } from "vitest";
import { APIError, spec, VectorAI } from "../src/index.js";

it("reads the failure marker from the generated spec", () => {
  expect(spec.operations.delete_access_token?.failureWhen).toEqual({ status: "error" });
});

it.each([200, 202])("rejects a %i whose body says status: error, with the vendor's message", async (status) => {
  const server = await startScriptedServer(() => ({
    status,
    body: { status: "error", message: "maintenance — nothing was deleted" },
  }));
  try {
    const vectorai = new VectorAI({ token: "vdai_failure_marker", baseUrl: server.url, maxRetries: 0 });
    const outcome = await vectorai.accessTokens.delete(12).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(APIError);
    expect(outcome).toMatchObject({ status, message: "maintenance — nothing was deleted", outcomeUnknown: false });
  } finally {
    await server.close();
  }
});

it("still resolves a body whose status is anything else", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: { status: "success", message: "gone" } }));
  try {
    const vectorai = new VectorAI({ token: "vdai_failure_marker", baseUrl: server.url });
    await expect(vectorai.accessTokens.delete(12)).resolves.toMatchObject({ message: "gone", alreadyGone: false });
  } finally {
    await server.close();
  }
});
