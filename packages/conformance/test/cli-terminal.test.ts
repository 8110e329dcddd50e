/**
 * The bin on a real terminal, driven through tmux: the progress bar draws on stderr while the
 * deletes run, and a credential typed at the prompt is never echoed. Skipped, with the reason,
 * where tmux is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { faults } from "@sdkforge/core/testing";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { vendorBin } from "../../../scripts/lib/vendors.ts";
import { commandOf, credentialEnv } from "./cli-run.js";
import { VENDORS } from "./vendors.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const session = `sdkforge-cli-${process.pid}`;
let dir: string;

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session);
const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Polls the screen (bounded) until `pattern` shows; returns what was on it. */
async function waitFor(pattern: RegExp, what: string): Promise<string> {
  let last = "";
  for (let tries = 0; tries < 1_200; tries++) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the terminal never showed ${what}; it showed:\n${last}`);
}

/** Starts `args` in a fresh 120x30 tmux session, with `env` exported and the vendor's own vars cleared. */
function startInTerminal(vendorEnvPrefix: string, args: readonly string[], env: Record<string, string>): void {
  const script = join(dir, "run.sh");
  const exports = Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  const unset = `unset $(env | sed -n 's/^\\(${vendorEnvPrefix}_[A-Z0-9_]*\\)=.*/\\1/p')`;
  const run = [process.execPath, ...args].map(shellQuote).join(" ");
  writeFileSync(script, [unset, ...exports, `${run}; echo "exit=$?"`, "sleep 60", ""].join("\n"));
  tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", `bash ${shellQuote(script)}`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-tty-"));
});
afterEach(() => {
  if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session]);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux).each(VENDORS)("$name bin on a terminal (tmux)", (vendor) => {
  test("draws a progress bar while deleting, and ends with the summary", async () => {
    const ids = vendor.ids(30).map(String);
    const { server, liveIds } = await vendor.start(vendor.ids(30));
    try {
      server.setFaultPolicy(() => faults.delay(100));
      const args = [vendorBin(vendor), ...commandOf(vendor), ...ids, "--concurrency", "1", "--base-url", server.url];
      startInTerminal(vendor.spec.env, args, credentialEnv(vendor));
      const midway = await waitFor(/\[[█░]+\] ([1-9]|1\d|2[0-9])\/30 ids/, "a partly filled bar");
      expect(midway).toMatch(/░/);
      const done = await waitFor(/exit=\d/, "the exit code");
      expect(done).toContain("30 confirmed, 0 failed, 0 unknown");
      expect(done).toContain("exit=0");
      expect(liveIds.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("asks for a missing credential without echoing it", async () => {
    const [id] = vendor.ids(1).map(String);
    const { server, liveIds } = await vendor.start(vendor.ids(1));
    try {
      const env = credentialEnv(vendor);
      const [typedEnv, typed] = Object.entries(env)[0] ?? ["", ""];
      const rest = Object.fromEntries(Object.entries(env).slice(1));
      const args = [vendorBin(vendor), ...commandOf(vendor), id as string, "--base-url", server.url];
      startInTerminal(vendor.spec.env, args, rest);
      await waitFor(new RegExp(`${typedEnv} \\(input hidden\\):`), "the prompt");
      tmux("send-keys", "-t", session, "-l", typed);
      tmux("send-keys", "-t", session, "Enter");
      const done = await waitFor(/exit=\d/, "the exit code");
      expect(done).toContain("exit=0");
      expect(done).not.toContain(typed);
      expect(liveIds.size).toBe(0);
    } finally {
      await server.close();
    }
  });
});
