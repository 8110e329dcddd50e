/** Leveled logging with a pluggable sink. Callers only ever hand it already-redacted text. */

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

/** Returns a logger whose methods below `level` do nothing, so disabled levels cost one call. */
export function leveledLogger(level: LogLevel, sink: Logger): LeveledLogger {
  const rank = LOG_LEVELS.indexOf(level);
  const enabled = (name: Exclude<LogLevel, "off">) => rank >= LOG_LEVELS.indexOf(name);
  const at = (name: Exclude<LogLevel, "off">) => (enabled(name) ? sink[name].bind(sink) : noop);
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug"), isEnabled: enabled };
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}
