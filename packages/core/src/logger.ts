/**
 * Leveled logging with a pluggable sink. Callers only ever hand it already-redacted text.
 *
 * The sink is the caller's code and is never allowed to change a call's outcome: a method it lacks
 * drops that level's lines, a method that throws is ignored, and one that returns a rejected
 * promise (an `async` logger whose transport is down) has the rejection handled here, so it never
 * becomes an unhandled rejection that would end the process.
 */

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** A logger that knows its level. */
export interface LeveledLogger extends Logger {
  /** Whether lines at `level` reach the sink, so callers can skip building lines nobody will read. */
  isEnabled(level: Exclude<LogLevel, "off">): boolean;
}

const noop = (): void => {};
const ignore = (): undefined => undefined;

/** `method` called on `sink`, with whatever it throws or rejects with dropped. */
function guarded(sink: object, method: (...args: unknown[]) => unknown): Logger["error"] {
  return (message, ...details) => {
    try {
      const result = method.call(sink, message, ...details);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
        (result as PromiseLike<unknown>).then(undefined, ignore);
      }
    } catch {
      // Logging is best effort.
    }
  };
}

/**
 * Returns a logger whose methods below `level` (and those `sink` lacks) do nothing, so disabled
 * levels cost one call. The sink may be any object: only its methods are used.
 */
export function leveledLogger(level: LogLevel, sink: Partial<Logger>): LeveledLogger {
  const rank = LOG_LEVELS.indexOf(level);
  // Read once: a sink that gains or loses methods later keeps the logger it was built with.
  const methods = new Map<Exclude<LogLevel, "off">, (...args: unknown[]) => unknown>();
  for (const name of ["error", "warn", "info", "debug"] as const) {
    const method: unknown = sink[name];
    if (rank >= LOG_LEVELS.indexOf(name) && typeof method === "function") methods.set(name, method as never);
  }
  const at = (name: Exclude<LogLevel, "off">) => {
    const method = methods.get(name);
    return method ? guarded(sink, method) : noop;
  };
  const enabled = (name: Exclude<LogLevel, "off">) => methods.has(name);
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug"), isEnabled: enabled };
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}
