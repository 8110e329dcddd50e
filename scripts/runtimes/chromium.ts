/**
 * Runs the browser bundle of the smoke scenario in headless Chromium. A page server on 127.0.0.1
 * serves the page and the bundle and receives the report; the API servers listen on other ports,
 * so every SDK call is a cross-origin request (CORS preflight included).
 */

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killGroup } from "../lib/run.ts";
import type { SmokeReport, SmokeTargets } from "./scenario.ts";
import { type LoadedVendor, startServers } from "./smoke-servers.ts";

/** The flags known to work for headless Chromium in containers and CI. */
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** A module script failing to load never reaches the scenario; this reports it instead. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>sdkforge smoke</title>
<script>
  addEventListener("error", (event) => {
    const checks = [{ name: "page", ok: false, detail: String(event.message || event) }];
    fetch("/report", { method: "POST", body: JSON.stringify({ runtime: navigator.userAgent, checks }) });
  });
</script>
<script type="module" src="/smoke.js"></script>
`;

export interface PageServer {
  readonly origin: string;
  /** Loads the page in Chromium with these targets and resolves with the page's report. */
  run(binary: string, targets: SmokeTargets, timeoutMs: number): Promise<SmokeReport>;
  close(): Promise<void>;
}

export async function startPageServer(bundlePath: string): Promise<PageServer> {
  const bundle = await readFile(bundlePath);
  let deliver: ((report: SmokeReport) => void) | undefined;
  const server = createServer((request, response) => {
    if (request.method === "POST" && request.url === "/report") {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        response.writeHead(204).end();
        deliver?.(JSON.parse(body) as SmokeReport);
      });
      return;
    }
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/") response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    else if (path === "/smoke.js") response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    async run(binary, targets, timeoutMs) {
      const profile = await mkdtemp(join(tmpdir(), "sdkforge-chromium-"));
      const url = `${origin}/?targets=${encodeURIComponent(JSON.stringify(targets))}`;
      const child = spawn(binary, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, url], {
        stdio: ["ignore", "ignore", "pipe"],
        detached: true,
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      try {
        return await new Promise<SmokeReport>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no report from the page within ${timeoutMs} ms; chromium said:\n${stderr}`)),
            timeoutMs,
          );
          deliver = (report) => {
            clearTimeout(timer);
            resolve(report);
          };
          child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`chromium exited (${code}) before the page reported:\n${stderr}`));
          });
        });
      } finally {
        deliver = undefined;
        killGroup(child.pid);
        await rm(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Loads `bundlePath` as the page's module against fresh servers (one per vendor, allowing the
 * page's origin): the page's checks, then what each server saw.
 */
export async function runBundleInChromium(
  binary: string,
  bundlePath: string,
  vendors: readonly LoadedVendor[],
  timeoutMs: number,
): Promise<SmokeReport> {
  const page = await startPageServer(bundlePath);
  const servers = await startServers(vendors, page.origin);
  try {
    const report = await page.run(binary, servers.targets, timeoutMs);
    return { runtime: report.runtime, checks: [...report.checks, ...servers.serverChecks()] };
  } finally {
    await servers.close();
    await page.close();
  }
}
