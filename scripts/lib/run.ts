/**
 * Runs a command without blocking the event loop, so servers living in the calling process
 * (a local registry, embedded API servers) keep answering while it works. The child gets its
 * own process group, and a timeout kills the whole group, not just the first process.
 */
import { spawn } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Default 120 s. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  readonly output: string;
  readonly ms: number;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(
      `\`${command}\` exited with ${result.code ?? "a signal"}:\n${result.output.trim().split("\n").slice(-40).join("\n")}`,
    );
    this.name = "CommandError";
  }
}

/** Resolves with the combined output; never rejects for a non-zero exit (see `run`). */
export function runAllowingFailure(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs ?? 120_000} ms]`;
      killGroup(child.pid);
    }, options.timeoutMs ?? 120_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Resolves with the result of a zero exit, rejects with a `CommandError` otherwise. */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await runAllowingFailure(command, args, options);
  if (result.code !== 0) throw new CommandError([command, ...args].join(" "), result);
  return result;
}

export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * The environment without what a package manager's `run` injects (`npm_config_registry` and
 * friends), so a nested npm or pnpm reads only its own configuration plus what we add.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(key) || key === "INIT_CWD" || key === "PNPM_SCRIPT_SRC_DIR") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}
