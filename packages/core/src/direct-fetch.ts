/**
 * Sending through the global `fetch` without building each request twice.
 *
 * openapi-fetch builds a `Request` and calls `fetch(request)`; `fetch` then builds a second one
 * from it (a clone that also follows the first one's abort signal). On Node 20 the second one
 * costs 8–10 % of a loopback round trip. When nothing can observe the intermediate `Request` (no
 * caller-supplied `fetch`, no middleware on `raw`), openapi-fetch is handed `PendingRequest` as
 * its `Request` class: it keeps the URL and init openapi-fetch computed, and the transport passes
 * them to `fetch(url, init)`, which builds the only `Request`. What goes on the wire is the same.
 */
import type { Client } from "./openapi-fetch.js";

/** The URL and init openapi-fetch would have given `new Request(...)`. */
export class PendingRequest {
  readonly url: string;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
  }

  /** openapi-fetch reads this (to skip the body of a HEAD response), as it would on a `Request`. */
  get method(): string {
    return (this.init.method ?? "GET").toUpperCase();
  }
}

/** Sends a `PendingRequest` through the global `fetch`, looked up per call so that later patches (msw) apply. */
export function sendPending(pending: PendingRequest, signal: AbortSignal): Promise<Response> {
  return globalThis.fetch(pending.url, { ...pending.init, signal });
}

/**
 * Counts the middleware registered on an openapi-fetch client, by wrapping its `use` and `eject`
 * with the same semantics (falsy entries skipped, one `eject` removes one registration).
 * Middleware must see real `Request` objects, so the transport takes the direct path only at zero.
 */
export function countMiddleware(client: Client<object>): () => number {
  const registered: unknown[] = [];
  const use = client.use.bind(client);
  const eject = client.eject.bind(client);
  client.use = (...middleware) => {
    for (const entry of middleware) {
      use(entry);
      if (entry) registered.push(entry);
    }
  };
  client.eject = (...middleware) => {
    eject(...middleware);
    for (const entry of middleware) {
      const index = registered.indexOf(entry);
      if (index !== -1) registered.splice(index, 1);
    }
  };
  return () => registered.length;
}
