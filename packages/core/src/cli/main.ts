import type { CliProgram } from "./program.js";
import { processIO, runCli } from "./run.js";

/**
 * What a bin does: run the process's command line, abort on the first SIGINT or SIGTERM (in-flight
 * deletes then end as unknown and the journal says so), and exit with the CLI's code.
 */
export function main(program: CliProgram): void {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  runCli(program, { ...processIO(), signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${program.bin}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
