/**
 * The `raw` openapi-fetch client callers get. Each request goes to its operation's own server when
 * the document gives it one (and no explicit `baseUrl` overrides it), and is authenticated as the
 * security of the operation it targets says (matched by method and templated path). The credentials are
 * added in the client's `fetch`, after every middleware has run, and a key sent in the query is
 * masked in the response's `url`: middleware never sees a credential, and what a caller passes in
 * a credential's header never replaces it.
 */
import type { Middleware } from "openapi-fetch";
import type { Credentials } from "./auth.js";
import { mergeCookies } from "./cookies.js";
import { type Client, createClient } from "./openapi-fetch.js";
import type { ApiSpec, OperationSpec } from "./spec.js";

/** The response with any query-string credential in its `url` replaced by `***`. */
export function maskQueryCredentials(response: Response, names: ReadonlySet<string>): Response {
  if (names.size === 0 || !response.url) return response;
  const shown = new URL(response.url);
  for (const name of names) {
    if (shown.searchParams.has(name)) shown.searchParams.set(name, "***");
  }
  Object.defineProperty(response, "url", { value: shown.href });
  return response;
}

type RawOptions = NonNullable<Parameters<typeof createClient>[0]> & { fetch: (request: Request) => Promise<Response> };

export function createRawClient(
  options: RawOptions,
  spec: ApiSpec,
  credentials: Credentials,
  operationServer: (operation: OperationSpec) => string | undefined = () => undefined,
): Client<object> {
  const routes = new Map<string, OperationSpec>();
  for (const operation of Object.values(spec.operations)) {
    routes.set(`${operation.method.toUpperCase()} ${operation.path}`, operation);
  }
  const targets = new WeakMap<Request, OperationSpec>();
  const client = createClient<object>({
    ...options,
    async fetch(request: Request) {
      const operation = targets.get(request);
      // A path the spec does not list goes out as the caller built it.
      if (!operation) return options.fetch(request);
      const { headers, query } = credentials.forOperation(operation);
      let authenticated = request;
      const entries = Object.entries(query);
      const server = operationServer(operation);
      const base = options.baseUrl ?? "";
      const moved = server !== undefined && request.url.startsWith(base);
      if (entries.length > 0 || moved) {
        const url = new URL(moved ? server.replace(/\/+$/, "") + request.url.slice(base.length) : request.url);
        for (const [name, value] of entries) url.searchParams.set(name, value);
        // Buffered, so the copy needs no streaming upload (`duplex`), which not every runtime has.
        const body = request.body ? await request.arrayBuffer() : null;
        authenticated = new Request(url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: request.signal,
        });
      }
      for (const [name, value] of Object.entries(headers)) {
        // The caller's cookies (client-wide or from middleware) are kept, ahead of the credential's.
        const merged =
          name === "Cookie"
            ? mergeCookies([authenticated.headers.get("cookie")], value, credentials.cookieNames)
            : value;
        authenticated.headers.set(name, merged ?? value);
      }
      return maskQueryCredentials(await options.fetch(authenticated), credentials.queryNames);
    },
  });
  // Runs after the caller's middleware (see `use` below), so it sees the request that will be sent.
  const route: Middleware = {
    onRequest({ request, schemaPath }) {
      const operation = routes.get(`${request.method} ${schemaPath}`);
      // Refuses before sending, like the helpers, when a needed credential is missing.
      if (operation) {
        credentials.forOperation(operation);
        targets.set(request, operation);
      }
      return request;
    },
  };
  const { use, eject } = client;
  use(route);
  client.use = (...middleware) => {
    eject(route);
    use(...middleware, route);
  };
  return client;
}
