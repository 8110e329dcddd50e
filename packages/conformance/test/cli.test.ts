/**
 * Every vendor's bin, run as an operator runs it during an incident: ids from arguments, a file
 * and stdin; credentials from the env only; outcomes as JSON lines and exit codes; lost answers
 * retried from the journal, also after `kill -9`. The server is the vendor's own test server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitCodes } from "@sdkforge/core/cli";
import { faults, type RecordedRequest } from "@sdkforge/core/testing";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { commandOf, credentialEnv, jsonLines, runBin, spawnBin } from "./cli-run.js";
import { VENDORS } from "./vendors.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const idOf = (request: RecordedRequest) => Object.values(request.pathParams)[0] ?? "";

describe.each(VENDORS)("$name bin", (vendor) => {
  const command = commandOf(vendor);
  const env = () => credentialEnv(vendor);
  const texts = (ids: readonly unknown[]) => ids.map(String);

  test("revokes ids from arguments, a file and stdin: one JSON line each, exit 0", async () => {
    const ids = texts(vendor.ids(6));
    const { server, liveIds } = await vendor.start(vendor.ids(6));
    try {
      const file = join(dir, "ids.txt");
      writeFileSync(file, `# leaked in the incident\n${ids[2]}\n\n${ids[3]}\r\n`);
      const run = await runBin(
        vendor,
        [...command, ids[0] as string, ids[1] as string, "-", "--file", file, "--json", "--base-url", server.url],
        { env: env(), input: `${ids[4]}\n# a comment\n${ids[5]}\n${ids[0]}\n` },
      );
      expect(run.stderr).toContain("6 confirmed, 0 failed, 0 unknown");
      expect(run.code).toBe(exitCodes.allConfirmed);
      const lines = jsonLines(run.stdout);
      expect(lines.map((line) => line.id).sort()).toEqual([...ids].sort());
      for (const line of lines) {
        expect(line).toMatchObject({ outcome: "confirmed", alreadyGone: false, error: null, outcomeUnknown: false });
      }
      expect(liveIds.size).toBe(0);
      // The repeated id was sent once.
      expect(server.requests.filter((request) => idOf(request) === ids[0])).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test("an unknown id fails with exit 1; with --missing-ok it is confirmed as already gone", async () => {
    const [missing] = texts(vendor.ids(1, 5_000));
    const { server } = await vendor.start([]);
    try {
      const base = [...command, missing as string, "--json", "--base-url", server.url];
      const strict = await runBin(vendor, base, { env: env() });
      expect(strict.code).toBe(exitCodes.someFailed);
      expect(jsonLines(strict.stdout)[0]).toMatchObject({
        outcome: "failed",
        error: "NotFoundError",
        status: 404,
        outcomeUnknown: false,
      });
      const lenient = await runBin(vendor, [...base, "--missing-ok"], { env: env() });
      expect(lenient.code).toBe(exitCodes.allConfirmed);
      expect(jsonLines(lenient.stdout)[0]).toMatchObject({ outcome: "confirmed", alreadyGone: true });
    } finally {
      await server.close();
    }
  });

  test("a refused credential fails every id and is never printed", async () => {
    const ids = texts(vendor.ids(2));
    const { server, liveIds } = await vendor.start(vendor.ids(2));
    try {
      const run = await runBin(vendor, [...command, ...ids, "--base-url", server.url], {
        env: credentialEnv(vendor, vendor.wrongCredential),
      });
      expect(run.code).toBe(exitCodes.someFailed);
      expect(run.stdout).toMatch(/^failed +/m);
      expect(`${run.stdout}${run.stderr}`).not.toContain(vendor.wrongCredential.slice(-8));
      expect(liveIds.size).toBe(2);
    } finally {
      await server.close();
    }
  });

  test("without a credential and without a terminal it exits 2 before sending, naming the env var", async () => {
    const { server } = await vendor.start(vendor.ids(1));
    try {
      const run = await runBin(vendor, [...command, String(vendor.ids(1)[0]), "--base-url", server.url]);
      expect(run.code).toBe(exitCodes.badUsage);
      for (const name of Object.keys(env())) expect(run.stderr).toContain(name);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  test("--dry-run prints each request with the credential masked and sends nothing", async () => {
    const ids = texts(vendor.ids(2));
    const { server } = await vendor.start(vendor.ids(2));
    try {
      const run = await runBin(vendor, [...command, ...ids, "--dry-run", "--base-url", server.url], { env: env() });
      expect(run.code).toBe(exitCodes.allConfirmed);
      expect(run.stdout.match(/^would send DELETE /gm)).toHaveLength(2);
      expect(run.stdout).toContain(server.url);
      for (const secret of vendor.secrets) expect(run.stdout).not.toContain(secret);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  test("a lost answer ends unknown (exit 3); resumed with the journal, only it is retried and its 404 confirms it", async () => {
    const ids = texts(vendor.ids(3));
    const lost = ids[1] as string;
    const { server, liveIds } = await vendor.start(vendor.ids(3));
    const journal = join(dir, "incident.jsonl");
    try {
      // The server performs the delete and then drops every answer about this id.
      server.setFaultPolicy((record) => (idOf(record) === lost ? faults.dropConnection({ applies: true }) : undefined));
      const args = [...command, ...ids, "--json", "--journal", journal, "--concurrency", "1", "--base-url", server.url];
      const first = await runBin(vendor, args, { env: env() });
      expect(first.code).toBe(exitCodes.someUnknown);
      expect(jsonLines(first.stdout).find((line) => line.id === lost)).toMatchObject({
        outcome: "unknown",
        outcomeUnknown: true,
      });
      expect(liveIds.size).toBe(0);

      server.setFaultPolicy(undefined);
      const sentBefore = server.requests.length;
      const resumed = await runBin(vendor, args, { env: env() });
      expect(resumed.code).toBe(exitCodes.allConfirmed);
      const again = server.requests.slice(sentBefore).map(idOf);
      expect(again).toEqual([lost]);
      const lines = jsonLines(resumed.stdout);
      expect(lines.find((line) => line.id === lost)).toMatchObject({
        outcome: "confirmed",
        alreadyGone: true,
        fromJournal: false,
      });
      expect(
        lines
          .filter((line) => line.fromJournal)
          .map((line) => line.id)
          .sort(),
      ).toEqual(ids.filter((id) => id !== lost).sort());
    } finally {
      await server.close();
    }
  });

  test("kill -9 mid-run, then resume: no confirmed id is sent again and every id ends revoked", async () => {
    const ids = texts(vendor.ids(40));
    const { server, liveIds } = await vendor.start(vendor.ids(40));
    const journal = join(dir, "incident.jsonl");
    const file = join(dir, "ids.txt");
    writeFileSync(file, `${ids.join("\n")}\n`);
    try {
      // Slow answers (performed, then sent after a pause), so the kill lands mid-run.
      server.setFaultPolicy(() => faults.delay(40));
      const args = [
        ...command,
        "--file",
        file,
        "--json",
        "--journal",
        journal,
        "--concurrency",
        "2",
        "--base-url",
        server.url,
      ];
      const child = spawnBin(vendor, args, env());
      child.stdin.end();
      let printed = 0;
      await new Promise<void>((resolve) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          printed += chunk.split("\n").length - 1;
          if (printed >= 5) child.kill("SIGKILL");
        });
        child.on("close", () => resolve());
      });
      expect(liveIds.size).toBeGreaterThan(0);
      const confirmedBefore = new Set(
        readFileSync(journal, "utf8")
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as { id: string; outcome: string })
          .filter((entry) => entry.outcome === "confirmed")
          .map((entry) => entry.id),
      );
      expect(confirmedBefore.size).toBeGreaterThanOrEqual(5);

      server.setFaultPolicy(undefined);
      const sentBefore = server.requests.length;
      const resumed = await runBin(vendor, args, { env: env() });
      expect(resumed.code).toBe(exitCodes.allConfirmed);
      const resent = server.requests.slice(sentBefore).map(idOf);
      expect(resent.filter((id) => confirmedBefore.has(id))).toEqual([]);
      expect(liveIds.size).toBe(0);
      expect(
        jsonLines(resumed.stdout)
          .map((line) => line.id)
          .sort(),
      ).toEqual([...ids].sort());
    } finally {
      await server.close();
    }
  });

  test("Ctrl-C mid-run: in-flight ids end unknown (exit 3), and resuming with the journal revokes every id", async () => {
    const ids = texts(vendor.ids(30));
    const { server, liveIds } = await vendor.start(vendor.ids(30));
    const journal = join(dir, "incident.jsonl");
    try {
      server.setFaultPolicy(() => faults.delay(200));
      const args = [...command, ...ids, "--json", "--journal", journal, "--concurrency", "2", "--base-url", server.url];
      const child = spawnBin(vendor, args, env());
      child.stdin.end();
      let stdout = "";
      let interrupted = false;
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
          if (!interrupted && stdout.split("\n").length > 3) {
            interrupted = true;
            child.kill("SIGINT");
          }
        });
        child.on("close", (exit) => resolve(exit));
      });
      expect(code).toBe(exitCodes.someUnknown);
      const lines = jsonLines(stdout);
      expect(lines.some((line) => line.outcome === "unknown" && line.error === "APIUserAbortError")).toBe(true);
      // Ids never read were not reported, and nothing was reported twice.
      expect(lines.length).toBeLessThan(ids.length);
      expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);

      server.setFaultPolicy(undefined);
      const resumed = await runBin(vendor, args, { env: env() });
      expect(resumed.code).toBe(exitCodes.allConfirmed);
      expect(liveIds.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("refuses a credential flag without echoing it, and --help names every helper's command", async () => {
    const refused = await runBin(vendor, [...command, "x", "--token", "sk_live_pasted_key_1234"], { env: env() });
    expect(refused.code).toBe(exitCodes.badUsage);
    expect(refused.stderr).not.toContain("sk_live_pasted_key_1234");
    const help = await runBin(vendor, ["--help"]);
    expect(help.code).toBe(exitCodes.allConfirmed);
    for (const [resource, methods] of Object.entries(vendor.spec.resources)) {
      for (const method of Object.keys(methods)) {
        const words = (await import("@sdkforge/core/cli")).commandWords(resource, method);
        expect(help.stdout).toContain(words.join(" "));
      }
    }
  });
});
