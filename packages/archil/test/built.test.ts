/** The published files, loaded with import() and require(), make a real call. */
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ArchilServer, startArchilServer } from "../src/testing.js";

type Entry = typeof import("../src/index.js");

let server: ArchilServer;
beforeAll(async () => {
  server = await startArchilServer({ tokenIds: ["esm_tok", "cjs_tok"] });
});
afterAll(() => server.close());

async function deleteWith(entry: Entry, id: string) {
  return new entry.Archil({ apiKey: server.apiKey, baseUrl: server.url }).apiTokens.delete(id);
}

it("dist/index.js works through import()", async () => {
  const entry = (await import(new URL("../dist/index.js", import.meta.url).href)) as Entry;
  await expect(deleteWith(entry, "esm_tok")).resolves.toMatchObject({ id: "esm_tok", alreadyGone: false });
  await expect(deleteWith(entry, "esm_tok")).rejects.toBeInstanceOf(entry.NotFoundError);
});

it("dist/index.cjs works through require()", async () => {
  const entry = createRequire(import.meta.url)("../dist/index.cjs") as Entry;
  await expect(deleteWith(entry, "cjs_tok")).resolves.toMatchObject({ id: "cjs_tok", alreadyGone: false });
  await expect(deleteWith(entry, "cjs_tok")).rejects.toBeInstanceOf(entry.NotFoundError);
});
