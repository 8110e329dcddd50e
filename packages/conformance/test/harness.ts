/** Checks every suite applies to every outcome: secrets, leaked handles, time bounds, log lines. */
import { inspect } from "node:util";
import type { Logger } from "@sdkforge/core";
import { expect } from "vitest";

export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | { readonly ok: false; readonly error: unknown; readonly ms: number };

/** Runs a call to the end, timing it; never rejects. */
export async function settle<T>(call: () => PromiseLike<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await call();
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  }
}

/** Every way a value could be turned into text by a caller or a logging library. */
export function renderings(value: unknown): string[] {
  const texts = [String(value), inspect(value, { depth: 10 }), inspect(value, { depth: 4, showHidden: true })];
  try {
    texts.push(JSON.stringify(value) ?? "");
  } catch {
    // Circular values cannot be stringified; the inspect forms above still cover them.
  }
  if (value instanceof Error) texts.push(value.message, value.stack ?? "");
  return texts;
}

export function expectNoSecrets(value: unknown, secrets: readonly string[], what = "value"): void {
  for (const text of renderings(value)) {
    for (const secret of secrets) {
      if (text.includes(secret)) expect.fail(`${what} leaks a credential: ${text.slice(0, 500)}`);
    }
  }
}

export interface LogLine {
  readonly level: "error" | "warn" | "info" | "debug";
  readonly text: string;
}

/** A logger that keeps every line, details rendered as a logging library would. */
export function captureLogs(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine["level"]) =>
    (message: string, ...details: unknown[]) => {
      lines.push({ level, text: [message, ...details.map((detail) => inspect(detail, { depth: 10 }))].join(" ") });
    };
  return { logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") }, lines };
}

/** Lines of the form `DELETE /path/{id} → <status> in <n> ms…`: one per attempt. */
export function attemptLines(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => line.level === "info" && / → \S+( error)? in \d+ ms/.test(line.text));
}

/** Handle kinds that keep a process alive and that a client call could leave behind. */
const WATCHED = ["Timeout", "TCPSocketWrap", "TCPServerWrap", "Immediate"];

export function watchedHandles(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((kind) => [kind, 0]));
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind in counts) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * Waits (a bounded few hundred ms, for sockets to finish closing) until no more watched handles are
 * alive than at `baseline`; fails with the surplus otherwise.
 */
export async function expectNoLeakedHandles(baseline: Record<string, number>): Promise<void> {
  const surplus = () => Object.entries(watchedHandles()).filter(([kind, count]) => count > (baseline[kind] ?? 0));
  for (let i = 0; i < 50 && surplus().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(Object.fromEntries(surplus()), "handles alive after the call and the server closed").toEqual({});
}

/**
 * The documented worst case of one call: every attempt runs into its timeout, and every pause
 * between attempts is the longest allowed (the server's `Retry-After` up to 60 s, else backoff).
 */
export function worstCaseMs(options: { timeout: number; maxRetries: number; serverDelayMs?: number }): number {
  let total = (options.maxRetries + 1) * options.timeout;
  for (let retry = 0; retry < options.maxRetries; retry++) {
    total += Math.max(options.serverDelayMs ?? 0, Math.min(500 * 2 ** retry, 8_000));
  }
  return total;
}

/** Slack for scheduling on a busy 2-core machine; bounds are checked as `elapsed <= bound + SLACK_MS`. */
export const SLACK_MS = 1_500;
