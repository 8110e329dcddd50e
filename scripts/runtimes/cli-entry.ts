/**
 * Entry point for Node, Bun and Deno: reads the targets from SMOKE_TARGETS, runs the scenario and
 * prints one `SMOKE_REPORT {json}` line for the matrix to parse.
 */
import { runSmokeScenario, type SmokeReport, type SmokeTargets } from "./scenario.ts";

interface RuntimeGlobals {
  Bun?: { version: string };
  Deno?: { version: { deno: string } };
  process?: { version: string; env: Record<string, string | undefined>; exitCode?: number };
}

const globals = globalThis as RuntimeGlobals;
const runtime = globals.Bun
  ? `bun ${globals.Bun.version}`
  : globals.Deno
    ? `deno ${globals.Deno.version.deno}`
    : `node ${globals.process?.version}`;

const targets = JSON.parse(globals.process?.env.SMOKE_TARGETS ?? "null") as SmokeTargets | null;
if (!targets) throw new Error("SMOKE_TARGETS is not set");
const report: SmokeReport = { runtime, checks: await runSmokeScenario(targets) };
console.log(`SMOKE_REPORT ${JSON.stringify(report)}`);
