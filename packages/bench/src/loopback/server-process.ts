/**
 * The loopback server, run in its own process (see `server.ts`) so that its CPU time is not
 * billed to the client under test. It answers both vendors' delete routes for any id, as
 * cheaply as node:http allows, with the vendors' success bodies; anything else is a 404.
 * `BENCH_SERVER_DELAY_MS` holds each answer back to stand in for a real server's latency.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const delayMs = Number(process.env.BENCH_SERVER_DELAY_MS ?? "0");

const VECTORAI_PREFIX = "/auth/access_token/";
const ARCHIL_PREFIX = "/api/tokens/";
const vectoraiBody = JSON.stringify({ status: "success", message: "Access token deleted successfully" });
const archilBody = JSON.stringify({ success: true, data: { message: "Token deleted successfully" } });
const notFoundBody = JSON.stringify({ status: "error", message: "Not found" });

const counts = { vectorai: 0, archil: 0, other: 0, unauthenticated: 0, connections: 0 };

function answer(url: string, authorization: string | undefined): { status: number; body: string } {
  if (!authorization) counts.unauthenticated++;
  if (url.startsWith(VECTORAI_PREFIX) && url.length > VECTORAI_PREFIX.length) {
    counts.vectorai++;
    return { status: 200, body: vectoraiBody };
  }
  if (url.startsWith(ARCHIL_PREFIX) && url.length > ARCHIL_PREFIX.length) {
    counts.archil++;
    return { status: 200, body: archilBody };
  }
  counts.other++;
  return { status: 404, body: notFoundBody };
}

const server = createServer({ keepAliveTimeout: 120_000 }, (request, response) => {
  const { status, body } =
    request.method === "DELETE" ? answer(request.url ?? "", request.headers.authorization) : answer("", undefined);
  const send = () => {
    response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  };
  // Deletes carry no body; resume() drains anything unexpected so the socket stays reusable.
  request.resume();
  if (delayMs > 0) setTimeout(send, delayMs);
  else send();
});
server.keepAliveTimeout = 120_000;
server.on("connection", () => {
  counts.connections++;
});

process.on("message", (message: unknown) => {
  if (message === "stats") process.send?.({ type: "stats", counts: { ...counts } });
});
// The server never outlives the benchmark that started it.
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: "listening", port });
});
