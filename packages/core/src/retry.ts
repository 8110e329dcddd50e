/**
 * When to retry and how long to wait. Pure functions of a status and headers, so the policy can be
 * tested without a network.
 */

/** Statuses that say "try again": timeout, throttling, transient server faults. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** A server-sent delay longer than this is not waited for: the caller gets the error with `retryAfter`. */
export const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

export type RetryVerdict =
  | { readonly retry: true; readonly delayMs: number; readonly reason: string }
  | { readonly retry: false; readonly reason?: string };

/** Delay the server asked for, in ms: `retry-after-ms`, then `Retry-After` (seconds or HTTP date). */
export function serverRetryDelay(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The pause before each retry: `initialDelayMs` · 2ⁿ, capped at `maxDelayMs`. */
export interface Backoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialDelayMs: INITIAL_BACKOFF_MS, maxDelayMs: MAX_BACKOFF_MS };

/** Exponential backoff, 0.5 s · 2ⁿ capped at 8 s by default, minus up to 25 % jitter so clients spread out. */
export function backoffDelay(
  retryIndex: number,
  random: () => number = Math.random,
  backoff: Backoff = DEFAULT_BACKOFF,
): number {
  const base = Math.min(backoff.initialDelayMs * 2 ** retryIndex, backoff.maxDelayMs);
  return base * (1 - 0.25 * random());
}

/**
 * Decides after an HTTP response. `retriesLeft` counts what remains of `maxRetries`.
 * `x-should-retry` from the server overrides the status rule both ways for an error status, never
 * for a success or a redirect: replaying a delete the server says it performed could only turn
 * its success into a 404, and a redirect is never followed.
 */
export function verdictForResponse(
  status: number,
  headers: Headers,
  retryIndex: number,
  retriesLeft: number,
  backoff: Backoff = DEFAULT_BACKOFF,
): RetryVerdict {
  if (status < 400) return { retry: false };
  const override = headers.get("x-should-retry");
  const wanted = override === "true" ? true : override === "false" ? false : RETRYABLE_STATUSES.has(status);
  if (!wanted) return { retry: false };
  if (retriesLeft <= 0) return { retry: false, reason: "retries exhausted" };
  const asked = serverRetryDelay(headers);
  if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
    return { retry: false, reason: `server asked to wait ${Math.round(asked / 1000)} s, over the 60 s limit` };
  }
  const delayMs = asked ?? backoffDelay(retryIndex, Math.random, backoff);
  return { retry: true, delayMs, reason: `status ${status}` };
}

/** Decides after a connection failure or timeout (no response). */
export function verdictForFailure(
  kind: string,
  retryIndex: number,
  retriesLeft: number,
  backoff: Backoff = DEFAULT_BACKOFF,
): RetryVerdict {
  if (retriesLeft <= 0) return { retry: false, reason: "retries exhausted" };
  return { retry: true, delayMs: backoffDelay(retryIndex, Math.random, backoff), reason: kind };
}
