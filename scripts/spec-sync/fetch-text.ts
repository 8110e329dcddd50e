/**
 * Fetches one docs page, index or document as text, the way a scheduled job must: every attempt
 * has a deadline and so does the whole fetch, retries included (a stalled server fails the fetch
 * instead of hanging the job), transient failures are retried with a short back-off, and a body
 * past the size limit is refused while it streams, before it fills memory.
 */
export interface FetchTextOptions {
  /** Per attempt, headers and body included. Default 20 s. */
  readonly timeoutMs?: number;
  /**
   * For the whole fetch: every attempt and every back-off. Default 55 s, so a stalled page fails
   * within a minute however many attempts were left; the last attempt gets only what remains.
   */
  readonly totalTimeoutMs?: number;
  /** Attempts after the first. Default 2. */
  readonly retries?: number;
  /** Default 5 MiB. */
  readonly maxBytes?: number;
  /** Before retry n (1-based). Default 250 ms · 2^(n-1). */
  readonly backoffMs?: (retry: number) => number;
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    /** False for answers that another attempt would not change (404, too large). */
    readonly retryable: boolean,
  ) {
    super(`${url}: ${message}`);
    this.name = "FetchError";
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

async function readLimited(url: string, response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new FetchError(url, `${declared} bytes is over the ${maxBytes}-byte limit`, false);
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError(url, `the body passed the ${maxBytes}-byte limit`, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function attempt(url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: "follow", headers: { accept: "text/markdown, text/plain, */*" } });
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : errorText(error);
    throw new FetchError(url, reason, true);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(url, `HTTP ${response.status}`, RETRYABLE_STATUS.has(response.status));
  }
  try {
    return await readLimited(url, response, maxBytes);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError(url, signal.aborted ? `body not complete within ${timeoutMs} ms` : errorText(error), true);
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

export const DEFAULT_TOTAL_TIMEOUT_MS = 55_000;

export async function fetchText(url: string, options: FetchTextOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const retries = options.retries ?? 2;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const backoff = options.backoffMs ?? ((retry: number) => 250 * 2 ** (retry - 1));
  const deadline = Date.now() + totalTimeoutMs;
  const gaveUp = (error: FetchError, attempts: number, why: string) =>
    new FetchError(
      url,
      `${error.message.slice(url.length + 2)} (after ${attempts} attempt${attempts > 1 ? "s" : ""}${why})`,
      false,
    );
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(url, Math.max(1, Math.min(timeoutMs, deadline - Date.now())), maxBytes);
    } catch (error) {
      if (!(error instanceof FetchError) || !error.retryable || retry >= retries) {
        if (error instanceof FetchError && retry > 0) throw gaveUp(error, retry + 1, "");
        throw error;
      }
      const wait = backoff(retry + 1);
      // Another attempt that could not start before the deadline would only make the job wait longer.
      if (Date.now() + wait >= deadline) throw gaveUp(error, retry + 1, `, ${totalTimeoutMs} ms in all`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
