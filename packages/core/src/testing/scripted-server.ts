/**
 * A bare node:http server on 127.0.0.1 that answers every request with whatever the test scripts,
 * byte for byte: any status, any headers, any body (HTML, truncated JSON, nothing). It knows
 * nothing of the spec, which is the point: it shows how clients cope with servers that misbehave.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent verbatim; objects are JSON-encoded. */
  readonly body?: string | object;
}

export interface ScriptedRequest {
  readonly method: string;
  readonly target: string;
  /** Raw headers, credentials included: keep these out of snapshots. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedServer {
  readonly url: string;
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(
  respond: (request: ScriptedRequest, index: number) => ScriptedReply,
): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "GET",
        target: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const reply = respond(request, requests.length - 1);
      const text =
        reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { "content-length": Buffer.byteLength(text), ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
