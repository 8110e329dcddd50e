/** The generator is driven by the spec alone: one more DELETE in a spec yields new types and a new resource. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { camelCase, type GeneratedFile, generateVendor } from "./codegen.ts";

let dir: string;
let files: GeneratedFile[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codegen-"));
  const spec = parse(await readFile(new URL("../specs/archil.yaml", import.meta.url), "utf8"));
  spec.paths["/api/disks/{diskId}"] = {
    delete: {
      tags: ["Disks"],
      operationId: "deleteDisk",
      parameters: [{ name: "diskId", in: "path", required: true, schema: { type: "integer" } }],
      responses: {
        "200": { $ref: "#/paths/~1api~1tokens~1{id}/delete/responses/200" },
        "404": { $ref: "#/components/responses/NotFound" },
      },
    },
  };
  await writeFile(join(dir, "fixture.yaml"), stringify(spec));
  files = await generateVendor(join(dir, "fixture.yaml"), "fixture.yaml");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const file = (name: string) => files.find((f) => f.name === name)?.contents ?? "";

it("adds the new path to the openapi-typescript types", () => {
  expect(file("openapi.ts")).toContain('"/api/disks/{diskId}": {');
  expect(file("openapi.ts")).toMatch(/deleteDisk: \{[\s\S]*?diskId: number;/);
});

it("adds the operation and a `disks` resource to the runtime facts", () => {
  const facts = file("spec.ts");
  expect(facts).toContain('"disks": {\n      "delete": "deleteDisk"\n    }');
  expect(facts).toContain('"path": "/api/disks/{diskId}"');
  expect(facts).toMatch(/"name": "diskId",\s+"in": "path",\s+"required": true,\s+"type": "integer"/);
});

it("keeps the existing operation and the regions", () => {
  expect(file("spec.ts")).toContain('"apiTokens": {\n      "delete": "deleteApiToken"\n    }');
  expect(file("spec.ts")).toContain(
    'export const regions = ["aws-us-east-1","aws-eu-west-1","aws-us-west-2","gcp-us-central1"] as const;',
  );
});

it("is deterministic", async () => {
  const again = await generateVendor(join(dir, "fixture.yaml"), "fixture.yaml");
  expect(again).toEqual(files);
});

it.each([
  ["Access Tokens", "accessTokens"],
  ["API Tokens", "apiTokens"],
  ["Disk Users", "diskUsers"],
  ["Serverless Execution", "serverlessExecution"],
])("camelCase(%j) = %j", (tag, expected) => {
  expect(camelCase(tag)).toBe(expected);
});
