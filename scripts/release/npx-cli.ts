/**
 * The operator's path during an incident: `npx <package>` in an empty folder, from the registry,
 * with nothing installed. For every vendor, `--help` lists its commands and one real revoke
 * against the vendor's test server on 127.0.0.1 confirms, as one JSON line with exit code 0.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { commandWords } from "@sdkforge/core/cli";
import { cleanEnv, run } from "../lib/run.ts";
import { check } from "./check.ts";
import type { ConsumerVendor } from "./consumer-vendors.ts";
import type { Versions } from "./release-rounds.ts";

export async function checkNpxCli(
  dir: string,
  registryUrl: string,
  versions: Versions,
  vendors: readonly ConsumerVendor[],
): Promise<string[]> {
  const notes: string[] = [];
  for (const { vendor, testVendor } of vendors) {
    const folder = join(dir, vendor.id);
    await mkdir(folder, { recursive: true });
    // As the consumers do: @sdkforge/* from the rehearsal registry, everything else from the usual one.
    await writeFile(join(folder, ".npmrc"), `@sdkforge:registry=${registryUrl}\n`);
    const spec = `${vendor.packageName}@${versions[vendor.packageName]}`;
    const env = cleanEnv({
      npm_config_cache: join(dir, "npm-cache"),
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
    });
    const npx = ["--yes", spec];
    const help = await run("npx", [...npx, "--help"], { cwd: folder, env, timeoutMs: 180_000 });
    const words = commandWords(testVendor.resourceName, testVendor.method);
    check(help.stdout.includes(words.join(" ")), `npx: ${spec} --help does not list \`${words.join(" ")}\``);

    const [id] = testVendor.ids(1);
    const running = await testVendor.start({ ids: [id], credential: testVendor.credential });
    try {
      const revoke = await run("npx", [...npx, ...words, String(id), "--json", "--base-url", running.server.url], {
        cwd: folder,
        env: { ...env, ...testVendor.credentialEnv },
        timeoutMs: 120_000,
      });
      const line = JSON.parse(revoke.stdout.trim()) as { outcome?: string };
      check(line.outcome === "confirmed", `npx: ${spec} did not confirm the revoke: ${revoke.stdout}`);
      check(running.liveIds.size === 0, `npx: ${spec} reported a revoke the server did not perform`);
    } finally {
      await running.server.close();
    }
    notes.push(`npx ${vendor.packageName} ${words.join(" ")}: confirmed`);
  }
  return notes;
}
