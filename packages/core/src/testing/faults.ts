/**
 * A catalogue of the ways a server or the network between it and a client misbehaves, as `Fault`
 * values for `SpecServer.injectFault` / `setFaultPolicy`. Each one is what a real deployment
 * produces now and then: proxies answering with HTML, load balancers cutting connections, rate
 * limiters, servers that performed a delete and died before saying so.
 */
import { STATUS_CODES } from "node:http";
import type { Fault, FaultContext, Reply } from "./spec-server.js";

/** Sends `body` verbatim (not JSON-encoded) with the given status and headers. */
function sendRaw(context: FaultContext, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  context.record.status = status;
  context.response.writeHead(status, { "content-length": bytes.length, ...headers });
  context.response.end(bytes);
}

/** The handler's reply, or a plain success when the fault does not let the handler run. */
function replyOf(context: FaultContext): Reply {
  return context.reply ?? { status: 200, body: { success: true, status: "success", message: "ok" } };
}

/** Writes the status line, headers and the first half of the body; the rest never comes. */
function sendHalf(context: FaultContext, after: () => void) {
  const { headers, body } = context.encode(replyOf(context));
  const status = replyOf(context).status;
  context.record.status = status;
  context.response.writeHead(status, headers);
  context.response.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), after);
}

export interface FaultOptions {
  /** Whether the request takes effect on the server before the fault strikes. */
  readonly applies?: boolean;
}

function fault(name: string, applies: boolean, deliver: (context: FaultContext) => void): Fault {
  return { name, applies, deliver };
}

/** An nginx-style error page, titled with the status and its reason phrase. */
const HTML_ERROR_PAGE = (status: number) => {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return (
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head>` +
    `<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`
  );
};

export const faults = {
  /** Closes the connection without a byte of response. By default the request was performed first. */
  dropConnection(options: FaultOptions = {}): Fault {
    const applies = options.applies ?? true;
    return fault(applies ? "drop after apply" : "drop before apply", applies, ({ response }) => {
      response.socket?.destroy();
    });
  },

  /** Sends headers and half the body, then resets the connection (TCP RST). */
  resetMidBody(options: FaultOptions = {}): Fault {
    return fault("reset mid-body", options.applies ?? true, (context) => {
      sendHalf(context, () => context.response.socket?.resetAndDestroy());
    });
  },

  /** Never answers: no status line, no headers. The socket is held until the client gives up or the server closes. */
  stallHeaders(options: FaultOptions = {}): Fault {
    return fault("headers stall", options.applies ?? true, ({ record }) => {
      record.status = 0;
    });
  },

  /** Sends headers and half the body, then goes silent. */
  stallBody(options: FaultOptions = {}): Fault {
    return fault("body stall", options.applies ?? true, (context) => sendHalf(context, () => {}));
  },

  /**
   * Sends headers, then one byte of the body every `intervalMs`, for as long as the client listens:
   * each chunk comes well inside any timeout, the whole body never does.
   */
  trickleBody(intervalMs = 50, options: FaultOptions = {}): Fault {
    return fault("body trickles", options.applies ?? true, (context) => {
      const { headers, body } = context.encode(replyOf(context));
      const { response } = context;
      context.record.status = replyOf(context).status;
      response.writeHead(context.record.status, { ...headers, "content-length": body.length + 1_000_000 });
      const timer = setInterval(() => response.write(" "), intervalMs);
      response.once("close", () => clearInterval(timer));
    });
  },

  /** Performs the request, then answers it as usual after `ms`: a slow but honest server. */
  delay(ms: number): Fault {
    return fault(`answer delayed ${ms} ms`, true, (context) => {
      const timer = setTimeout(() => context.send(replyOf(context)), ms);
      context.response.once("close", () => clearTimeout(timer));
    });
  },

  /** Answers `status` with the vendor's error body, without performing the request (unless `applies`). */
  status(status: number, options: FaultOptions = {}): Fault {
    return fault(`status ${status}`, options.applies ?? false, (context) => {
      context.send({ status, body: context.errorBody(`Injected ${status}`) });
    });
  },

  /** 429 with `Retry-After: <seconds>`. */
  rateLimitSeconds(seconds: number): Fault {
    return fault(`429 Retry-After ${seconds}s`, false, (context) => {
      sendRaw(context, 429, '{"error":"rate limited"}', { "retry-after": String(seconds) });
    });
  },

  /** 429 with `Retry-After` as an HTTP date `seconds` from the moment it is sent. */
  rateLimitDate(seconds: number): Fault {
    return fault(`429 Retry-After date +${seconds}s`, false, (context) => {
      const date = new Date(Date.now() + seconds * 1000).toUTCString();
      sendRaw(context, 429, '{"error":"rate limited"}', { "retry-after": date });
    });
  },

  /** 429 with `retry-after-ms`. */
  rateLimitMs(ms: number): Fault {
    return fault(`429 retry-after-ms ${ms}`, false, (context) => {
      sendRaw(context, 429, '{"error":"rate limited"}', { "retry-after-ms": String(ms) });
    });
  },

  /** A success status with a body that is not JSON, though it says it is. Performed first. */
  malformedJson(options: FaultOptions = {}): Fault {
    return fault("malformed JSON", options.applies ?? true, (context) => {
      sendRaw(context, 200, '{"success": true, "data": {"message": "Token del', { "content-type": "application/json" });
    });
  },

  /** A proxy's HTML error page (default 502 Bad Gateway). */
  htmlErrorPage(status = 502, options: FaultOptions = {}): Fault {
    return fault(`HTML ${status} page`, options.applies ?? false, (context) => {
      sendRaw(context, status, HTML_ERROR_PAGE(status), { "content-type": "text/html" });
    });
  },

  /** 200 with an empty body. Performed first. */
  empty200(options: FaultOptions = {}): Fault {
    return fault("empty 200", options.applies ?? true, (context) => sendRaw(context, 200, ""));
  },

  /** 200 with valid JSON of the wrong shape (an array where an object belongs). Performed first. */
  wrongShape200(options: FaultOptions = {}): Fault {
    return fault("wrong-shape 200", options.applies ?? true, (context) => {
      sendRaw(context, 200, '[{"deleted": 1}]', { "content-type": "application/json" });
    });
  },

  /** 200 with a failure envelope (`{success: false, error}`) instead of an error status. Not performed. */
  refusedEnvelope200(message = "token is locked"): Fault {
    return fault("200 success:false", false, (context) => {
      sendRaw(context, 200, JSON.stringify({ success: false, error: message }), { "content-type": "application/json" });
    });
  },

  /** A huge error page (default 10 MB, status 500): the client must read, clip and survive it. */
  hugeBody(bytes = 10 * 1024 * 1024, status = 500, options: FaultOptions = {}): Fault {
    return fault(`${Math.round(bytes / 1024 / 1024)} MB body`, options.applies ?? false, (context) => {
      const head = Buffer.from(HTML_ERROR_PAGE(status));
      const body = Buffer.alloc(Math.max(bytes, head.length), " ");
      head.copy(body);
      sendRaw(context, status, body, { "content-type": "text/html" });
    });
  },

  /**
   * An error response that echoes the request's credential back in its body, a response header
   * and the reason phrase, as careless servers do: nothing of it may reach the caller unmasked.
   */
  echoCredential(status = 400, options: FaultOptions = {}): Fault {
    return fault(`${status} echoing the credential`, options.applies ?? false, ({ response, record }) => {
      const auth = String(response.req.headers.authorization ?? "");
      const bare = auth.replace(/^(Bearer |key-)/i, "");
      const body = JSON.stringify({
        success: false,
        status: "error",
        error: `bad credential ${auth}`,
        message: `bad credential ${auth}`,
        detail: { [bare]: bare, list: [auth] },
      });
      record.status = status;
      response.writeHead(status, `Rejected ${bare}`, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "x-debug-auth": auth,
        "www-authenticate": `Bearer error="invalid_token", token="${bare}"`,
      });
      response.end(body);
    });
  },
} as const;
