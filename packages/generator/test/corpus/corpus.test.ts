/**
 * The vendored public documents (see README.md here) generate without hand edits, and every
 * DELETE gets exactly one helper, with deterministic names and a consumer that type-checks
 * calling each one with arguments of its parameters' types.
 */
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { type CliProgram, commandWords, exitCodes, runCli } from "@sdkforge/core/cli";
import { afterAll, describe, expect, it } from "vitest";
import { findSpecs, generateVendor, reportTables, type VendorFacts, vendorReport } from "../../src/index.ts";
import { CONSUMER_PRELUDE, type Generated, typecheck } from "../helpers.ts";
import { disagreements } from "../path-param-agreement.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = await mkdtemp(join(tmpdir(), "generator-corpus-"));
await mkdir(join(root, "specs"));
await cp(join(here, "simple-example.yaml"), join(root, "specs", "simple.yaml"));
await cp(join(here, "octokit-ghes-3.6-diff-to-api.json"), join(root, "specs", "ghes.json"));
await cp(join(here, "digitalocean"), join(root, "specs", "digitalocean"), { recursive: true });
afterAll(() => rm(root, { recursive: true, force: true }));

async function generate(vendor: string): Promise<Generated> {
  const source = (await findSpecs(join(root, "specs"), root)).find((s) => s.vendor === vendor);
  if (!source) throw new Error(`no ${vendor}`);
  const warnings: string[] = [];
  const generated = await generateVendor(source, { root, warn: (message) => warnings.push(message) });
  return { ...generated, warnings, file: (name) => generated.files.find((f) => f.name === name)?.contents ?? "" };
}

/** A call of every helper, with a value of each path parameter's type and whatever options it requires. */
function callEveryHelper(facts: VendorFacts): string {
  const calls = facts.helpers.map((helper) => {
    const operation = facts.spec.operations[helper.operationId];
    if (!operation) throw new Error(helper.operationId);
    const args = operation.pathParams.map((name) => {
      const param = operation.params.find((p) => p.in === "path" && p.name === name);
      if (param?.enum) return JSON.stringify(param.enum[0]);
      return param?.type === "integer" || param?.type === "number" ? "1" : '"x"';
    });
    const required =
      operation.params.some((p) => (p.in === "query" || p.in === "header") && p.required) || operation.body?.required;
    // The options' shape is the spec's; this consumer only checks that positional arguments type-check.
    return `  await client.${helper.resource}.${helper.method}(${[...args, ...(required ? ["{} as never"] : [])].join(", ")});`;
  });
  return `${CONSUMER_PRELUDE}\nconst client = new Client({});\nexport async function all(): Promise<void> {\n${calls.join("\n")}\n}\n`;
}

/** Runs the vendor's CLI in-process with `argv`; what it prints on stdout, and its exit code. */
async function cli(facts: VendorFacts, argv: string[]): Promise<{ code: number; out: string }> {
  const program: CliProgram = {
    bin: facts.vendor,
    packageName: `@sdkforge/${facts.vendor}`,
    version: "0.0.0",
    spec: facts.spec,
    Client: class {},
    docs: facts.docs,
  };
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await runCli(program, { argv, env: {}, stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  return { code, out };
}

/** Every DELETE helper has its command, listed in `--help` and with its own help from the spec's summary. */
async function expectCommandPerHelper(generated: Generated): Promise<void> {
  const { facts } = generated;
  const top = await cli(facts, ["--help"]);
  expect(top.code).toBe(exitCodes.allConfirmed);
  const bin = generated.file("cli.ts");
  // The README's command column is the generator's spelling of the words; the bin's must agree.
  const readme = reportTables(vendorReport(facts));
  for (const helper of facts.helpers) {
    const words = commandWords(helper.resource, helper.method);
    expect(top.out).toContain(`  ${words.join(" ")}  `);
    expect(readme).toContain(`${facts.vendor} ${words.join(" ")} `);
    const help = await cli(facts, [...words, "--help"]);
    expect(help.code).toBe(exitCodes.allConfirmed);
    const summary = facts.docs[helper.operationId]?.summary;
    if (summary) expect(help.out).toContain(summary.replace(/\s+/g, " ").trim());
    expect(bin).toContain(JSON.stringify(helper.operationId));
  }
  const commands = top.out.split("\n").filter((line) => /^ {2}[a-z0-9]/.test(line));
  expect(commands).toHaveLength(facts.helpers.length);
}

describe("GitHub Enterprise Server 3.6 (JSON, 18 DELETEs, several per tag)", async () => {
  const generated = await generate("ghes");
  const report = vendorReport(generated.facts);
  const deletes = report.operations.filter((op) => op.method === "delete");

  it("lists every operation, and gives every DELETE exactly one helper", () => {
    expect(report.operations).toHaveLength(155);
    expect(deletes).toHaveLength(18);
    expect(deletes.every((op) => op.helper !== null)).toBe(true);
    expect(new Set(deletes.map((op) => op.helper)).size).toBe(18);
  });

  it("names them the Octokit way", () => {
    const helpers = deletes.map((op) => op.helper);
    expect(helpers).toContain("enterpriseAdmin.deleteUser");
    expect(helpers).toContain("enterpriseAdmin.deletePreReceiveHook");
    expect(helpers).toContain("teams.delete");
    expect(deletes.find((op) => op.helper === "teams.delete")?.args).toEqual(["org", "team_slug"]);
  });

  it("imports core's body encoder (its SSH-key removal takes a form), the server-variable filler and no credential encoder", () => {
    expect(generated.file("spec.ts")).toContain(
      'import { type ApiSpec, encodeBody, serverVariables } from "@sdkforge/core";',
    );
  });

  it("tolerates the schema quirks it has, with one warning each", () => {
    expect(generated.warnings).toEqual([
      expect.stringMatching(
        /^specs\/ghes\.json at #\/components\/schemas\/installation\/.*nullable.*tolerated inside a schema/,
      ),
      expect.stringMatching(
        /^specs\/ghes\.json at #\/components\/schemas\/ldap-mapping-team\/.*nullable.*tolerated inside a schema/,
      ),
    ]);
  });

  it("gives every DELETE helper its CLI command", async () => {
    await expectCommandPerHelper(generated);
  });

  it("type-checks a consumer that calls every DELETE helper", async () => {
    await typecheck({ ghes: { generated, consumer: callEveryHelper(generated.facts) } });
  }, 120_000);

  it("refuses at run time exactly the path values its types refuse, for every DELETE", async () => {
    expect(await disagreements(generated, "ghes")).toEqual([]);
  }, 120_000);
});

describe("DigitalOcean public v2 (2,034 files joined by relative $refs, 65 DELETEs, bearer)", async () => {
  const generated = await generate("digitalocean");

  it("imports none of core's optional features: a bearer token and JSON bodies need none", () => {
    expect(generated.file("spec.ts")).toContain('import type { ApiSpec } from "@sdkforge/core";');
  });
  const report = vendorReport(generated.facts);
  const deletes = report.operations.filter((op) => op.method === "delete");

  it("lists every operation, and gives every DELETE exactly one helper", () => {
    expect(report.operations).toHaveLength(408);
    expect(deletes).toHaveLength(65);
    expect(deletes.every((op) => op.helper !== null)).toBe(true);
    expect(new Set(deletes.map((op) => op.helper)).size).toBe(65);
    expect(report.credentials).toEqual([
      expect.objectContaining({ option: "token", env: "DIGITALOCEAN_TOKEN", type: "http", httpScheme: "bearer" }),
    ]);
  });

  it("generates without a warning", () => {
    expect(generated.warnings).toEqual([]);
  });

  it("keeps the two DELETEs of one tag apart, by operationId", () => {
    const helpers = deletes.map((op) => op.helper);
    expect(helpers).toContain("cdnEndpoints.cdnDeleteEndpoint");
    expect(helpers).toContain("cdnEndpoints.cdnPurgeCache");
  });

  it("gives every DELETE helper its CLI command", async () => {
    await expectCommandPerHelper(generated);
  });

  it("type-checks a consumer that calls every DELETE helper", async () => {
    await typecheck({ digitalocean: { generated, consumer: callEveryHelper(generated.facts) } });
  }, 180_000);

  it("refuses at run time exactly the path values its types refuse, for every DELETE", async () => {
    expect(await disagreements(generated, "digitalocean")).toEqual([]);
  }, 180_000);
});

describe("openapi-typescript's simple example (no security, no DELETE)", async () => {
  const generated = await generate("simple");

  it("generates a client that needs no credential, without a warning", () => {
    expect(generated.warnings).toEqual([]);
    expect(generated.facts.credentials).toEqual([]);
    expect(generated.facts.helpers).toEqual([]);
    expect(vendorReport(generated.facts).operations.every((op) => op.helper === null)).toBe(true);
  });

  it("has a CLI with no commands, which says so", async () => {
    await expectCommandPerHelper(generated);
    expect((await cli(generated.facts, ["--help"])).out).toContain("(the spec has no DELETE operations)");
    expect(generated.facts.spec.servers).toEqual([
      { url: "https://redocly-example.com/{var}", variables: { var: { default: "b", enum: ["a", "b"] } } },
    ]);
  });
});
