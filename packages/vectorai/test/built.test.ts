/**
 * The published files, loaded the two ways consumers load them, make a real call. A CJS build can
 * pass every static checker and still throw on require(); only running it shows that.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startVectorAIServer, type VectorAIServer } from "../src/testing.js";

type Entry = typeof import("../src/index.js");

let server: VectorAIServer;
beforeAll(async () => {
  server = await startVectorAIServer({ tokenIds: [1, 2] });
});
afterAll(() => server.close());

async function deleteWith(entry: Entry, id: number) {
  const vectorai = new entry.VectorAI({ token: server.adminToken, baseUrl: server.url });
  return vectorai.accessTokens.delete(id);
}

it("dist/index.js works through import()", async () => {
  const entry = (await import(new URL("../dist/index.js", import.meta.url).href)) as Entry;
  await expect(deleteWith(entry, 1)).resolves.toMatchObject({ id: 1, alreadyGone: false });
  await expect(deleteWith(entry, 1)).rejects.toBeInstanceOf(entry.NotFoundError);
});

it("dist/index.cjs works through require()", async () => {
  const require = createRequire(import.meta.url);
  const entry = require("../dist/index.cjs") as Entry;
  await expect(deleteWith(entry, 2)).resolves.toMatchObject({ id: 2, alreadyGone: false });
  await expect(deleteWith(entry, 2)).rejects.toBeInstanceOf(entry.NotFoundError);
});
