/** Runs a vendor package's built bin in a child process, as an operator's shell would. */
import { spawn } from "node:child_process";
import { commandWords, type OutcomeLine } from "@sdkforge/core/cli";
import { vendorBin } from "../../../scripts/lib/vendors.ts";
import type { VendorUnderTest } from "./vendors.js";

export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command words of the helper the suites drive. */
export function commandOf(vendor: VendorUnderTest): string[] {
  return commandWords(vendor.resourceName, vendor.method);
}

/** Env vars carrying the working credential, or `credential` in place of the one the suites vary. */
export function credentialEnv(vendor: VendorUnderTest, credential?: string): Record<string, string> {
  if (credential === undefined) return { ...vendor.credentialEnv };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(vendor.credentialEnv)) {
    env[name] = value === vendor.credential ? credential : value;
  }
  return env;
}

/** The parent's env without any of the vendor's own variables, so only what a test passes counts. */
function cleanEnv(vendor: VendorUnderTest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith(`${vendor.spec.env}_`)) env[name] = value;
  }
  return env;
}

export function spawnBin(vendor: VendorUnderTest, args: readonly string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [vendorBin(vendor), ...args], {
    env: { ...cleanEnv(vendor), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function runBin(
  vendor: VendorUnderTest,
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<BinRun> {
  const child = spawnBin(vendor, args, options.env);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** One `--json` line, as core's CLI documents it. */
export type JsonLine = OutcomeLine;

export function jsonLines(stdout: string): JsonLine[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as JsonLine);
}
