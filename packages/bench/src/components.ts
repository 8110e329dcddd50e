/**
 * `node --expose-gc --import tsx src/components.ts`: what each piece of a helper's call costs on its
 * own, in µs per call, measured in process on the exact inputs of an Archil delete (its success
 * body and headers). Each piece runs in a tight loop, in interleaved rounds; the median per piece
 * is printed. It complements `profile.ts`, whose attribution inside V8's inlined functions is
 * coarse: these are the parts a call pays for beyond what bare openapi-fetch does.
 */
import { fitsDeclaredLength, readBody } from "../../core/src/body-reader.js";
import { parseBody } from "../../core/src/decode.js";
import { checkHeaders } from "../../core/src/headers.js";
import { leveledLogger } from "../../core/src/logger.js";
import { repeatedTopLevelKey } from "../../core/src/repeated-key.js";
import { maskDeep } from "../../core/src/secrets.js";
import { median } from "./harness.js";

const BODY = JSON.stringify({ success: true, data: { message: "API token deleted successfully" } });
const HEADERS = { "content-type": "application/json", "content-length": String(BODY.length) };
const response = () => new Response(BODY, { status: 200, headers: HEADERS });
const logger = leveledLogger("warn", console);

interface Piece {
  readonly name: string;
  run(): unknown;
}

const pieces: Piece[] = [
  {
    name: "AbortController + setTimeout + clearTimeout (one attempt's signal and timer)",
    run() {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      clearTimeout(timer);
      return controller.signal;
    },
  },
  { name: "a Response built for the body (baseline of the two reads below)", run: response },
  {
    name: "response.json() (what bare openapi-fetch and raw fetch do), incl. the Response",
    run: () => response().json(),
  },
  {
    name: "fitsDeclaredLength + response.text() + parseBody (the helper's read), incl. the Response",
    async run() {
      const answer = response();
      return fitsDeclaredLength(answer, 65_536) ? parseBody(await answer.text()) : undefined;
    },
  },
  {
    name: "readBody (the streaming reader, when no length is declared), incl. the Response",
    run: () => readBody(response(), 65_536, () => {}),
  },
  { name: "maskDeep(body, []) (depth check of a decoded body)", run: () => maskDeep(JSON.parse(BODY), []) },
  { name: "JSON.parse of the body (baseline of the line above)", run: () => JSON.parse(BODY) },
  { name: "repeatedTopLevelKey (one scan of the body's text)", run: () => repeatedTopLevelKey(BODY) },
  { name: "checkHeaders of no per-call headers", run: () => checkHeaders(undefined, "headers", (name) => name) },
  { name: "logger.isEnabled('info') (logging off)", run: () => logger.isEnabled("info") },
];

const rounds = 15;
const callsPerRound = 20_000;
const samples = new Map<string, number[]>(pieces.map((piece) => [piece.name, []]));
for (let round = -1; round < rounds; round++) {
  for (let turn = 0; turn < pieces.length; turn++) {
    const piece = pieces[(round + 1 + turn) % pieces.length] as Piece;
    globalThis.gc?.();
    const started = process.cpuUsage();
    for (let i = 0; i < callsPerRound; i++) await piece.run();
    const used = process.cpuUsage(started);
    // Round -1 warms up every piece and is not counted.
    if (round >= 0) samples.get(piece.name)?.push((used.user + used.system) / callsPerRound);
  }
}
console.log("| piece | CPU µs per call (median) |\n| --- | --- |");
for (const [name, values] of samples) console.log(`| ${name} | ${median(values).toFixed(2)} |`);
