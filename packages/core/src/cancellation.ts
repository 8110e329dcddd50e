/**
 * What the transport needs from a caller's `AbortSignal`: whether it fired, and a way to hear when
 * it does. A single call listens on the signal itself. A bulk delete shares one signal among many
 * calls in flight: adding a listener per call would pass Node's limit of 10 per signal and print
 * `MaxListenersExceededWarning`, so `SharedCancellation` listens once and fans out from a set.
 */

export interface Cancellation {
  readonly aborted: boolean;
  /** Calls `listener` once when the signal aborts; returns a function that stops listening. */
  onAbort(listener: () => void): () => void;
}

const NOOP = (): void => {};

class SignalCancellation implements Cancellation {
  private readonly signal: AbortSignal;
  constructor(signal: AbortSignal) {
    this.signal = signal;
  }
  get aborted(): boolean {
    return this.signal.aborted;
  }
  onAbort(listener: () => void): () => void {
    if (this.signal.aborted) return NOOP;
    this.signal.addEventListener("abort", listener, { once: true });
    return () => this.signal.removeEventListener("abort", listener);
  }
}

/** A caller's signal seen through `Cancellation`, or `undefined` when there is none. */
export function cancellationOf(signal: AbortSignal | undefined): Cancellation | undefined {
  return signal === undefined ? undefined : new SignalCancellation(signal);
}

/** One listener on the caller's signal, shared by every call of a batch. `dispose` removes it. */
export class SharedCancellation implements Cancellation {
  private readonly signal: AbortSignal;
  private readonly listeners = new Set<() => void>();
  private readonly fire = () => {
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  };

  constructor(signal: AbortSignal) {
    this.signal = signal;
    signal.addEventListener("abort", this.fire, { once: true });
  }
  get aborted(): boolean {
    return this.signal.aborted;
  }
  onAbort(listener: () => void): () => void {
    if (this.signal.aborted) return NOOP;
    // A wrapper per registration, so that the same function registered twice is two listeners.
    const once = () => listener();
    this.listeners.add(once);
    return () => this.listeners.delete(once);
  }
  dispose(): void {
    this.signal.removeEventListener("abort", this.fire);
    this.listeners.clear();
  }
}
