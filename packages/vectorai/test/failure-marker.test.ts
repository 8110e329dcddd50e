/**
 * A 2xx body that says it failed is not a deletion: the overlay beside the spec
 * (`specs/vectorai.overlay.yaml`) marks `status: "error"` as VectorAI's failure report, and
 * `status: "success"` as the only sign of success. A 2xx the document does not list (202) is no
 * confirmation at all.
 */
import { startScriptedServer } from "@sdkforge/core/testing";
import { expect, it } from "vitest";
import { APIError, APIResponseValidationError, spec, VectorAI } from "../src/index.js";

it("reads the failure and success markers from the generated spec", () => {
  expect(spec.operations.delete_access_token?.failureWhen).toEqual({ status: "error" });
  expect(spec.operations.delete_access_token?.successWhen).toEqual({ status: "success" });
});

it.each([200])("rejects a %i whose body says status: error, with the vendor's message", async (status) => {
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

it("rejects a 202, which the document does not list, as unconfirmed whatever its body", async () => {
  const server = await startScriptedServer(() => ({ status: 202, body: { status: "success", message: "queued" } }));
  try {
    const vectorai = new VectorAI({ token: "vdai_failure_marker", baseUrl: server.url, maxRetries: 0 });
    const outcome = await vectorai.accessTokens.delete(12).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(APIError);
    expect(outcome).toMatchObject({ status: 202, documented: false, outcomeUnknown: true });
  } finally {
    await server.close();
  }
});

it.each([{ error: "Access token not found" }, { status: "failed" }, { message: "deleted" }])(
  "does not take %j for a success: it lacks status: success",
  async (body) => {
    const server = await startScriptedServer(() => ({ status: 200, body }));
    try {
      const vectorai = new VectorAI({ token: "vdai_failure_marker", baseUrl: server.url, maxRetries: 0 });
      const outcome = await vectorai.accessTokens.delete(12).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(APIResponseValidationError);
      expect(outcome).toMatchObject({ status: 200, outcomeUnknown: true, stage: "unreadable" });
    } finally {
      await server.close();
    }
  },
);

it("resolves a body that says status: success", async () => {
  const server = await startScriptedServer(() => ({ status: 200, body: { status: "success", message: "gone" } }));
  try {
    const vectorai = new VectorAI({ token: "vdai_failure_marker", baseUrl: server.url });
    await expect(vectorai.accessTokens.delete(12)).resolves.toMatchObject({ message: "gone", alreadyGone: false });
  } finally {
    await server.close();
  }
});
