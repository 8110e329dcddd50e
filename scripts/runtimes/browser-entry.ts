/**
 * Entry point for the browser page: reads the targets from the page's query string, runs the
 * scenario against the (cross-origin) embedded servers and posts the report back to the page server.
 */
import { runSmokeScenario, type SmokeReport, type SmokeTargets } from "./scenario.ts";

const targets = JSON.parse(new URLSearchParams(location.search).get("targets") ?? "null") as SmokeTargets | null;
const checks = targets
  ? await runSmokeScenario(targets)
  : [{ name: "page", ok: false, detail: "no targets in the query string" }];
const report: SmokeReport = { runtime: navigator.userAgent, checks };
await fetch("/report", { method: "POST", body: JSON.stringify(report) });
