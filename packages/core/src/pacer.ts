/**
 * A shared "not before" clock. Each call has its own; a bulk delete shares one across its workers
 * so that one 429 slows the whole batch instead of each worker discovering the limit alone.
 */
import type { Cancellation } from "./cancellation.js";
import type { APIUserAbortError } from "./errors.js";

/** Resolves after `ms`, or rejects at once when `cancellation` aborts. Leaves no timer behind. */
export function sleep(ms: number, cancellation?: Cancellation, abortError?: () => Error): Promise<void> {
  if (ms <= 0 && !cancellation?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const fail = () => reject(abortError ? abortError() : new Error("aborted"));
    if (cancellation?.aborted) return fail();
    const stopListening = cancellation?.onAbort(() => {
      clearTimeout(timer);
      fail();
    });
    const timer = setTimeout(() => {
      stopListening?.();
      resolve();
    }, ms);
  });
}

export class Pacer {
  private resumeAt = 0;

  /** Holds every user of this pacer for at least `ms` from now. */
  pauseFor(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
  }

  /** Whether a pause is still running: callers skip `wait` (and its await) when it is not. */
  get pausing(): boolean {
    return this.resumeAt !== 0 && this.resumeAt > Date.now();
  }

  /** Waits until the pause (if any) is over. */
  wait(cancellation: Cancellation | undefined, abortError: () => APIUserAbortError): Promise<void> {
    return sleep(this.resumeAt - Date.now(), cancellation, abortError);
  }
}
