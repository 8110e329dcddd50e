/**
 * Runs Prism's mock server for a spec on a free loopback port, as a child process this suite owns:
 * it starts Prism, waits until it listens, and stops it (also if the suite fails or the worker exits).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

const require = createRequire(import.meta.url);
const PRISM_CLI = require.resolve("@stoplight/prism-cli/dist/index.js");
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// Prism is a Node CLI that loads the whole document before it listens: on a busy 2-core machine that can take a
// minute. This bounds a hang; it asserts nothing about speed.
const START_TIMEOUT_MS = 90_000;

export interface PrismServer {
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Whether a `$ref` is data rather than a reference: an absolute URL inside an example payload. */
function isExampleLink(path: readonly string[], key: string, value: unknown): boolean {
  return (
    key === "$ref" &&
    typeof value === "string" &&
    /^https?:\/\//.test(value) &&
    path.some((segment) => segment === "example" || segment === "examples")
  );
}

function hasExampleLinks(value: unknown, path: string[] = []): boolean {
  if (!value || typeof value !== "object") return false;
  return Object.entries(value).some(
    ([key, child]) => isExampleLink(path, key, child) || hasExampleLinks(child, [...path, key]),
  );
}

function renameExampleLinks(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((child, index) => renameExampleLinks(child, [...path, String(index)]));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      isExampleLink(path, key, child) ? "x-example-ref" : key,
      renameExampleLinks(child, [...path, key]),
    ]),
  );
}

/**
 * The document Prism mocks. Prism resolves every `$ref` it meets, even inside example payloads
 * (SCIM's member links are `$ref: https://…` data), and fails when it cannot download them. For a
 * single-file document with such links, Prism gets a temporary copy in which only those
 * example-only keys are renamed; the vendor's own file is never changed, and everything Prism
 * validates requests against is as written.
 */
function prismInput(specFile: string): { file: string; cleanup(): void } {
  const absolute = join(REPO_ROOT, specFile);
  if (!/\.(ya?ml|json)$/.test(specFile)) return { file: specFile, cleanup: () => {} };
  const document: unknown = parseYaml(readFileSync(absolute, "utf8"), { maxAliasCount: -1 });
  if (!hasExampleLinks(document)) return { file: specFile, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "prism-input-"));
  const file = join(dir, basename(specFile).replace(/\.ya?ml$/, ".json"));
  writeFileSync(file, JSON.stringify(renameExampleLinks(document)));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `prism mock <specFile>` (a path relative to the repository root) and resolves once it listens. */
export async function startPrism(specFile: string): Promise<PrismServer> {
  const input = prismInput(specFile);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [PRISM_CLI, "mock", "--host", "127.0.0.1", "--port", String(port), "--multiprocess=false", input.file],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const killOnExit = () => {
    child.kill("SIGKILL");
    input.cleanup();
  };
  process.once("exit", killOnExit);

  let output = "";
  let listening = () => {};
  const onData = (chunk: Buffer) => {
    output += chunk;
    if (output.includes("Prism is listening")) listening();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start in time:\n${output}`)), START_TIMEOUT_MS);
      listening = () => {
        clearTimeout(timer);
        resolve();
      };
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited with ${code} before listening:\n${output}`));
      });
    });
  } catch (error) {
    await stopChild(child);
    process.removeListener("exit", killOnExit);
    input.cleanup();
    throw error;
  }
  // Keep draining its log (without keeping it) so a full pipe never blocks it.
  child.stdout?.off("data", onData);
  child.stderr?.off("data", onData);
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child);
      process.removeListener("exit", killOnExit);
      input.cleanup();
    },
  };
}
