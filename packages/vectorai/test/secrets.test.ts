/** The token never appears in anything the SDK produces, even when the server echoes it back. */
import { inspect } from "node:util";
import { startScriptedServer } from "@sdkforge/core/testing";
import { expect, it } from "vitest";
import { AuthenticationError, type Logger, VectorAI } from "../src/index.js";

const TOKEN = "vdai_9f8e7d6c5b4a_secret";

it("masks a token the server echoes in its error body, message, headers and logs", async () => {
  const server = await startScriptedServer((request) => ({
    status: 401,
    headers: { "content-type": "application/json", "set-cookie": `session=${TOKEN}` },
    body: { status: "error", message: `Invalid token: ${String(request.headers.authorization)}` },
  }));
  const lines: string[] = [];
  const record = (...parts: unknown[]) => lines.push(inspect(parts, { depth: 10 }));
  const logger: Logger = { error: record, warn: record, info: record, debug: record };
  try {
    const vectorai = new VectorAI({ token: TOKEN, baseUrl: server.url, logLevel: "debug", logger });
    const error = await vectorai.accessTokens.delete(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("Invalid token: ***");
    for (const text of [
      (error as Error).message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      (error as Error).stack ?? "",
      inspect(vectorai, { depth: 10, showHidden: true }),
      ...lines,
    ]) {
      expect(text).not.toContain("9f8e7d6c5b4a");
    }
    expect(lines.length).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
});
