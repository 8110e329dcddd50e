/**
 * How code generation and type-checking grow with the size of a spec. Synthetic specs with N
 * DELETE-by-id operations (each under its own tag, so each becomes a resource) go through the
 * real generator (`@sdkforge/generator`'s `generateVendor`); then `tsc --noEmit` checks a consumer
 * that builds the typed client and calls every resource's `delete`.
 */
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { findSpecs, generateVendor } from "../../../../scripts/codegen.ts";
import { median } from "../harness.js";

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL("../..", import.meta.url));
// Inside node_modules so that `@sdkforge/core` resolves from the bench package and git ignores it.
const workDir = join(benchDir, "node_modules", ".cache", "sdkforge-bench", "codegen");
const tscFile = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");

export interface CodegenOptions {
  readonly sizes: readonly number[];
  /** Runs per size; the median is reported. */
  readonly repeats: number;
}

export interface CodegenRow {
  readonly operations: number;
  readonly generateMs: number;
  /** Wall time of `tsc --noEmit`, process start included. */
  readonly tscMs: number;
  /** tsc's own "Check time" from `--extendedDiagnostics`. */
  readonly checkMs: number;
  readonly generatedBytes: number;
}

export interface CodegenResult {
  readonly options: CodegenOptions;
  readonly rows: readonly CodegenRow[];
  /** Growth exponents between consecutive sizes: time ∝ N^k, so k = 1 is linear. */
  readonly growth: readonly {
    readonly from: number;
    readonly to: number;
    readonly generate: number;
    readonly tsc: number;
    readonly check: number;
  }[];
}

/** An OpenAPI 3.0 document with `operations` DELETE-by-id operations; ids alternate integer and string. */
export function syntheticSpec(operations: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < operations; i++) {
    paths[`/resources-${i}/{id}`] = {
      delete: {
        tags: [`Resource ${i}`],
        operationId: `deleteResource${i}`,
        summary: `Delete resource ${i}`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: i % 2 === 0 ? "integer" : "string" } }],
        responses: {
          "200": {
            description: "Deleted.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Deleted" } } },
          },
          "404": {
            description: "Not found.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        },
      },
    };
  }
  const message = { type: "object", required: ["message"], properties: { message: { type: "string" } } };
  return {
    openapi: "3.0.3",
    info: { title: `Synthetic API with ${operations} operations`, version: "1.0.0" },
    servers: [{ url: "https://api.example.com", description: "Production" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      schemas: { Deleted: message, Error: message },
    },
  };
}

const CLIENT_SOURCE = `import { APIClient, type ClientOptions } from "@sdkforge/core";
import type { paths } from "./openapi.js";
import type { SpecOptions } from "./options.js";
import type { Resources } from "./resources.js";
import { spec } from "./spec.js";

export interface Synthetic extends Resources {}

export class Synthetic extends APIClient<paths> {
  constructor(options: ClientOptions & SpecOptions = {}) {
    super(spec, options);
  }
}
`;

/** Calls per function: one function with thousands of statements trips tsc's control-flow limit. */
const CALLS_PER_FUNCTION = 50;

function consumerSource(operations: number): string {
  const functions: string[] = [];
  for (let first = 0; first < operations; first += CALLS_PER_FUNCTION) {
    const calls: string[] = [];
    for (let i = first; i < Math.min(first + CALLS_PER_FUNCTION, operations); i++) {
      const id = i % 2 === 0 ? String(i) : JSON.stringify(`id-${i}`);
      calls.push(`  total += (await client.resource${i}.delete(${id})).message.length;`);
    }
    functions.push(
      `export async function revoke${first}(): Promise<number> {\n  let total = 0;\n${calls.join("\n")}\n  return total;\n}\n`,
    );
  }
  // A wrong id type must still be caught at this size, or the types have gone slack.
  const wrong =
    operations > 1
      ? "export async function refused(): Promise<void> {\n  // @ts-expect-error string-id resources refuse numbers\n  await client.resource1.delete(1);\n}\n"
      : "";
  return `import { Synthetic } from "./client.js";\n\nconst client = new Synthetic({ token: "example" });\n\n${functions.join("\n")}\n${wrong}`;
}

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2024", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["consumer.ts"],
});

async function prepare(operations: number): Promise<{ dir: string; specPath: string; specFile: string }> {
  const dir = join(workDir, `n-${operations}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const specFile = "synthetic.json";
  const specPath = join(dir, "specs", specFile);
  await mkdir(join(dir, "specs"));
  // A `.json` document in `specs/`, found the way `pnpm generate` finds every vendor.
  await writeFile(specPath, JSON.stringify(syntheticSpec(operations)));
  await writeFile(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
  await writeFile(join(dir, "tsconfig.json"), TSCONFIG);
  await writeFile(join(dir, "client.ts"), CLIENT_SOURCE);
  await writeFile(join(dir, "consumer.ts"), consumerSource(operations));
  return { dir, specPath, specFile };
}

async function timeGenerate(dir: string, specPath: string, specFile: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const [source] = await findSpecs(dirname(specPath), dirname(dirname(specPath)));
  if (!source || source.entry !== specPath || specFile !== "synthetic.json") throw new Error(`no spec at ${specPath}`);
  const { files } = await generateVendor(source, { root: dir, warn: () => {} });
  const ms = performance.now() - started;
  let bytes = 0;
  for (const file of files) {
    await writeFile(join(dir, file.name), file.contents);
    bytes += Buffer.byteLength(file.contents);
  }
  return { ms, bytes };
}

async function timeTsc(dir: string): Promise<{ ms: number; checkMs: number }> {
  const started = performance.now();
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [tscFile, "-p", dir, "--extendedDiagnostics"], { maxBuffer: 16 << 20 }));
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? "";
    throw new Error(`tsc found errors in the synthetic consumer:\n${output.slice(0, 2000)}`);
  }
  const ms = performance.now() - started;
  const check = /^Check time:\s+([\d.]+)s$/m.exec(stdout)?.[1];
  return { ms, checkMs: check === undefined ? Number.NaN : Number(check) * 1000 };
}

function exponent(n1: number, t1: number, n2: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

export async function runCodegen(options: CodegenOptions): Promise<CodegenResult> {
  // The first call pays for loading and compiling the generator; keep it out of the figures.
  const warm = await prepare(2);
  await timeGenerate(warm.dir, warm.specPath, warm.specFile);

  const rows: CodegenRow[] = [];
  for (const operations of options.sizes) {
    const { dir, specPath, specFile } = await prepare(operations);
    const generate: number[] = [];
    const tsc: number[] = [];
    const check: number[] = [];
    let generatedBytes = 0;
    for (let i = 0; i < options.repeats; i++) {
      const generated = await timeGenerate(dir, specPath, specFile);
      generate.push(generated.ms);
      generatedBytes = generated.bytes;
      const checked = await timeTsc(dir);
      tsc.push(checked.ms);
      check.push(checked.checkMs);
    }
    rows.push({ operations, generateMs: median(generate), tscMs: median(tsc), checkMs: median(check), generatedBytes });
  }

  const growth = rows.slice(1).map((row, index) => {
    const previous = rows[index] as CodegenRow;
    const from = previous.operations;
    const to = row.operations;
    return {
      from,
      to,
      generate: exponent(from, previous.generateMs, to, row.generateMs),
      tsc: exponent(from, previous.tscMs, to, row.tscMs),
      check: exponent(from, previous.checkMs, to, row.checkMs),
    };
  });
  return { options, rows, growth };
}
