/**
 * `node --import tsx src/profile.ts [--rounds=R] [--calls=N per round] [--contender=<part of a name>]... [--in-process]`: CPU-profiles
 * contenders of the loopback comparison (the same server process and clients as `pnpm bench`) and
 * prints where each one's time goes, in µs per call: self time summed per package (the SDK's core,
 * openapi-fetch, undici, the rest of Node, GC) and the functions that take most of it. Only the
 * measured calls are profiled (the inspector starts after a warm-up), in interleaved rounds (each
 * round profiles every contender for a batch of calls, in rotated order) so that drift of a shared
 * machine falls on all of them alike. Idle time is left out of the totals: it is waiting, not work.
 */
import { Session } from "node:inspector/promises";
import { createContenders, memoryFetch, NAMES } from "./contenders.js";
import { startLoopbackServer } from "./loopback/server.js";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = process.argv.slice(2);
const rounds = Number(args.find((arg) => arg.startsWith("--rounds="))?.slice(9) ?? 10);
const callsPerRound = Number(args.find((arg) => arg.startsWith("--calls="))?.slice(8) ?? 1_000);
const calls = rounds * callsPerRound;
// `--in-process`: the global `fetch` answers from memory (as in the bench's in-process section), so only client CPU is left.
const inProcess = args.includes("--in-process");
const wanted = args.filter((arg) => arg.startsWith("--contender=")).map((arg) => arg.slice(12));
const names = wanted.length > 0 ? wanted : [NAMES.rawArchil, NAMES.openapiFetchArchil, NAMES.archil];

/** The package a frame's code belongs to, from its URL. */
function packageOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)" || functionName === "(idle)") return "(program / idle)";
  if (/packages\/core\/|@sdkforge\/core/.test(url)) return "@sdkforge/core";
  if (/openapi-fetch/.test(url)) return "openapi-fetch";
  if (/undici/.test(url)) return "undici (fetch)";
  if (/packages\/bench\//.test(url)) return "benchmark loop";
  if (url.startsWith("node:") || url === "") return "Node internals (streams, timers, net, native)";
  return url.replace(/.*node_modules\//, "");
}

interface Totals {
  readonly packages: Map<string, number>;
  readonly functions: Map<string, number>;
  wallMicros: number;
}

/** Adds a profile's self time (µs) per package and per function to `totals`. */
function accumulate(totals: Totals, profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const micros = profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const from = packageOf(url, functionName);
    totals.packages.set(from, (totals.packages.get(from) ?? 0) + micros);
    const key = `${from}: ${functionName || "(anonymous)"} ${url ? `${url.replace(/.*\//, "")}:${lineNumber + 1}` : ""}`;
    totals.functions.set(key, (totals.functions.get(key) ?? 0) + micros);
  });
}

function summarize(name: string, { packages, functions, wallMicros }: Totals): void {
  packages.delete("(program / idle)");
  for (const key of functions.keys()) if (key.includes("(idle)")) functions.delete(key);
  const work = [...packages.values()].reduce((sum, micros) => sum + micros, 0);
  const rows = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, micros]) => `  ${(micros / calls).toFixed(2).padStart(7)} µs  ${key}`)
      .join("\n");
  console.log(
    `\n## ${name}: ${(wallMicros / calls).toFixed(1)} µs per call (wall), ${(work / calls).toFixed(1)} µs of it not idle\n`,
  );
  console.log(`${rows(packages, 20)}\n\nFunctions:\n${rows(functions, 25)}`);
}

const server = inProcess ? undefined : await startLoopbackServer();
if (inProcess) globalThis.fetch = memoryFetch();
try {
  const contenders = createContenders(server?.url ?? "http://127.0.0.1:9");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  const chosen = names.map((name) => {
    const contender = contenders.find((candidate) => candidate.name.includes(name));
    if (!contender) throw new Error(`no contender named like ${name}`);
    return { contender, totals: { packages: new Map(), functions: new Map(), wallMicros: 0 } as Totals };
  });
  for (const { contender } of chosen) for (let i = 0; i < 1_000; i++) await contender.run();
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < chosen.length; turn++) {
      const entry = chosen[(round + turn) % chosen.length];
      if (!entry) continue;
      await session.post("Profiler.start");
      const started = performance.now();
      for (let i = 0; i < callsPerRound; i++) await entry.contender.run();
      entry.totals.wallMicros += (performance.now() - started) * 1000;
      const { profile } = await session.post("Profiler.stop");
      accumulate(entry.totals, profile as unknown as Profile);
    }
  }
  for (const { contender, totals } of chosen) summarize(contender.name, totals);
  session.disconnect();
} finally {
  await server?.close();
}
