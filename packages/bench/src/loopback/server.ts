/** Starts `server-process.ts` in a child process on 127.0.0.1 and stops it again. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ServerCounts {
  readonly vectorai: number;
  readonly archil: number;
  readonly other: number;
  readonly unauthenticated: number;
  /** TCP connections accepted: stays small when keep-alive works. */
  readonly connections: number;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests the server answered so far, by route. */
  counts(): Promise<ServerCounts>;
  close(): Promise<void>;
}

const serverFile = fileURLToPath(new URL("./server-process.ts", import.meta.url));

export async function startLoopbackServer(options: { delayMs?: number } = {}): Promise<LoopbackServer> {
  const child = fork(serverFile, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_SERVER_DELAY_MS: String(options.delayMs ?? 0) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the loopback server did not start within 20 s")), 20_000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the loopback server exited early (code ${code})`)));
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type === "listening" && typeof message.port === "number") {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  child.removeAllListeners("exit");

  return {
    url: `http://127.0.0.1:${port}`,
    counts() {
      return new Promise((resolve) => {
        const onMessage = (message: { type?: string; counts?: ServerCounts }) => {
          if (message.type !== "stats" || !message.counts) return;
          child.off("message", onMessage);
          resolve(message.counts);
        };
        child.on("message", onMessage);
        child.send("stats");
      });
    },
    close() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill(), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      });
    },
  };
}
