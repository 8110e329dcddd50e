/**
 * `pnpm generate` end to end, on a scratch copy of the workspace (never the live specs/): it
 * writes a vendor's generated files and README reference, `--check` then passes, a spec change
 * makes `--check` fail, and `--report --json` prints exactly one JSON object on stdout.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { main } from "@sdkforge/generator";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

const run = promisify(execFile);
// Two cases start a node process that loads the generator: seconds on a busy machine, more than
// vitest's default 5 s.
vi.setConfig({ testTimeout: 60_000 });
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "generate-"));
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "archil"), { recursive: true });
  for (const file of ["archil.yaml", "archil.overlay.yaml"]) {
    await cp(join(repo, "specs", file), join(root, "specs", file));
  }
  await writeFile(join(root, "packages", "archil", "package.json"), '{ "name": "@sdkforge/archil" }\n');
  await writeFile(join(root, "packages", "archil", "README.md"), "# @sdkforge/archil\n\nHand-written intro.\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const generated = (name: string) => readFile(join(root, "packages", "archil", "src", "generated", name), "utf8");

it("writes the generated files and the README's API reference, and then --check passes", async () => {
  expect(await main(root, [])).toBe(0);
  expect(await generated("spec.ts")).toContain('"apiTokens": {\n      "delete": "deleteApiToken"\n    }');
  expect(await generated("resources.ts")).toContain("@param id The token ID (hash)");
  const readme = await readFile(join(root, "packages", "archil", "README.md"), "utf8");
  expect(readme).toMatch(
    /^# @sdkforge\/archil\n\nHand-written intro\.\n\n## API reference\n\n<!-- api-reference:start/,
  );
  expect(readme).toContain("`apiTokens.delete(id, options?)`");
  expect(await main(root, ["--check"])).toBe(0);
  // Regenerating changes nothing.
  expect(await main(root, [])).toBe(0);
  expect(await readFile(join(root, "packages", "archil", "README.md"), "utf8")).toBe(readme);
});

it("fails --check once the spec changes, and names the stale files", async () => {
  await main(root, []);
  const spec = join(root, "specs", "archil.yaml");
  const original = await readFile(spec, "utf8");
  await writeFile(spec, original.replace("summary: Delete API token", "summary: Revoke an API token"));
  try {
    expect(await main(root, ["--check"])).toBe(1);
  } finally {
    await writeFile(spec, original);
  }
  expect(await main(root, ["--check"])).toBe(0);
});

it("removes a generated file that is no longer generated, and --check reports one", async () => {
  const leftover = join(root, "packages", "archil", "src", "generated", "old.ts");
  await writeFile(leftover, "export {};\n");
  expect(await main(root, ["--check"])).toBe(1);
  expect(await main(root, [])).toBe(0);
  await expect(readFile(leftover, "utf8")).rejects.toThrow();
});

it("prints the report as one JSON object on stdout, progress on stderr", async () => {
  const script = `import { main } from "@sdkforge/generator"; process.exitCode = await main(${JSON.stringify(root)}, ["--report", "archil", "--json"]);`;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repo,
  });
  expect(JSON.parse(stdout)).toEqual({
    vendor: "archil",
    package: "@sdkforge/archil",
    className: "Archil",
    baseUrlRequired: false,
    credentials: [
      {
        option: "apiKey",
        env: "ARCHIL_API_KEY",
        scheme: "ApiKeyAuth",
        type: "apiKey",
        in: "header",
        name: "Authorization",
      },
    ],
    operations: [
      {
        operationId: "deleteApiToken",
        method: "delete",
        path: "/api/tokens/{id}",
        helper: "apiTokens.delete",
        args: ["id"],
      },
    ],
  });
});

it("refuses a broken document with its file and JSON pointer, without a stack trace", async () => {
  const spec = join(root, "specs", "archil.yaml");
  const original = await readFile(spec, "utf8");
  await writeFile(spec, original.replace("openapi: 3.1.0", "swagger: '2.0'"));
  const script = `import { main } from "@sdkforge/generator"; process.exitCode = await main(${JSON.stringify(root)}, []);`;
  try {
    const failure = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repo,
    }).catch((error: { code: number; stderr: string; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1, stdout: "" });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain("specs/archil.yaml at #/swagger: is a Swagger 2.0 document");
    expect(stderr).toContain("→ Convert it first");
    expect(stderr).not.toMatch(/\n\s+at /);
  } finally {
    await writeFile(spec, original);
  }
});
