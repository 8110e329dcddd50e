/** Server variables become typed options; path-level servers apply unless `baseUrl` overrides them. */

import { InvalidArgumentError } from "@sdkforge/core";
import { type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSUMER_PRELUDE, clientFor, generateFixture, typecheck } from "../helpers.ts";

const generated = await generateFixture("server-variables", "regional");
const Client = clientFor(generated.facts.spec);

describe("server variables", () => {
  it("make the generated spec import core's server-variable filler", () => {
    expect(generated.file("spec.ts")).toMatch(/^import \{ type ApiSpec, serverVariables \} from "@sdkforge\/core";$/m);
  });

  it("are options typed from their enum, with a prefix where they would clash", async () => {
    expect(generated.facts.serverOptions.map((o) => o.option).slice(0, 3)).toEqual([
      "region",
      "basePath",
      "serverTimeout",
    ]);
    const consumer = `${CONSUMER_PRELUDE}
export const eu = new Client({ region: "eu", basePath: "v2", serverTimeout: "10" });
// @ts-expect-error only the enum's values
export const mars = new Client({ region: "mars" });
`;
    await typecheck({ regional: { generated, consumer } });
  }, 60_000);

  it("fill in the URL, with their defaults", () => {
    expect(new Client().baseUrl).toBe("https://eu.api.example.com/v1");
    expect(new Client({ region: "ap", basePath: "v3" }).baseUrl).toBe("https://ap.api.example.com/v3");
    expect(() => new Client({ region: "mars" })).toThrow(InvalidArgumentError);
    expect(() => new Client({ region: "mars" })).toThrow("`region` must be one of eu, us, ap.");
  });
});

describe("an operation-level server's variables", () => {
  it("are options too, typed and documented like the document's own", async () => {
    expect(generated.facts.serverOptions.slice(3)).toEqual([
      {
        option: "vaultZone",
        variable: "vaultZone",
        enum: ["cold", "warm"],
        default: "cold",
        description: "Which storage tier holds the secret.",
      },
      { option: "serverHeaders", variable: "headers", enum: undefined, default: "x", description: undefined },
    ]);
    expect(generated.file("options.ts")).toContain("Which storage tier holds the secret.");
    const consumer = `${CONSUMER_PRELUDE}
export const warm = new Client({ vaultZone: "warm", serverHeaders: "h" });
// @ts-expect-error only the operation server's enum values
export const hot = new Client({ vaultZone: "hot" });
`;
    await typecheck({ regional: { generated, consumer } });
  }, 60_000);
});

describe("a path-level server", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer(() => ({ status: 204 }));
  });
  afterAll(() => server.close());

  it("is used for its operations, and an explicit baseUrl overrides it", async () => {
    expect(generated.facts.spec.operations["delete /archive/{id}"]?.servers).toEqual([
      { url: "https://archive.example.com/{basePath}", variables: { basePath: { default: "v9" } } },
    ]);
    const client = new Client({ baseUrl: server.url });
    await client.archive?.delete?.("a1");
    await client.items?.delete?.("i1");
    expect(server.requests.map((r) => r.target)).toEqual(["/archive/a1", "/items/i1"]);
  });
});
