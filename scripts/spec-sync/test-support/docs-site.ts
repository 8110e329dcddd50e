/**
 * A vendor's docs site on 127.0.0.1, serving one fixture version of `fixtures/docs-site/`: each
 * path is looked up in that version, then in `v1/`, then in the saved seed pages. The fixtures name
 * the vendor's real host (as the real `llms.txt` and pages do); this server answers for it by
 * rewriting that origin to its own in everything it serves. `stall` paths get headers and then
 * nothing, like a hung server. It closes itself (and every open connection) on `close()`.
 */
import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface DocsSite {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly indexUrl: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export interface DocsSiteOptions {
  readonly vendor: string;
  /** `v1`, `v2`, `v5/conflict`, … */
  readonly version: string;
  /** The vendor's real docs origin, e.g. `https://docs.archil.com`. */
  readonly realOrigin: string;
  readonly stall?: readonly string[];
}

async function lookup(vendor: string, version: string, path: string): Promise<string | undefined> {
  const candidates = [
    join(FIXTURES, "docs-site", version, vendor, path),
    join(FIXTURES, "docs-site", "v1", vendor, path),
    join(FIXTURES, "seed-pages", vendor, path),
  ];
  for (const candidate of candidates) {
    const text = await readFile(candidate, "utf8").catch(() => undefined);
    if (text !== undefined) return text;
  }
  return undefined;
}

export async function startDocsSite(options: DocsSiteOptions): Promise<DocsSite> {
  const requests: string[] = [];
  const stalled = new Set<ServerResponse>();
  let origin = "";
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requests.push(path);
    if (options.stall?.includes(path)) {
      response.writeHead(200, { "content-type": "text/markdown" });
      response.write("> ## Documentation Index\n");
      stalled.add(response);
      return;
    }
    void lookup(options.vendor, options.version, path).then((text) => {
      if (text === undefined || path.includes("..")) {
        response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
        return;
      }
      const body = text.replaceAll(options.realOrigin, origin);
      response.writeHead(200, { "content-type": "text/markdown; charset=utf-8" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    indexUrl: `${origin}/llms.txt`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of stalled) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
