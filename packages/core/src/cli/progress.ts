/**
 * The progress bar on a terminal (cli-progress, on stderr). Result lines meant for the same
 * terminal are printed above the bar through it, so bar and lines never overwrite each other.
 */
import { MultiBar, Presets, type SingleBar } from "cli-progress";

export interface Progress {
  /** One more id read from the input (the total grows as a stream is read). */
  read(): void;
  settled(): void;
  /** Prints a line above the bar. */
  log(line: string): void;
  stop(): void;
}

/** `expected` is the number of ids known up front (0 when the input is a stream): the total grows past it as ids are read. */
export function startProgress(stream: NodeJS.WritableStream, label: string, expected = 0): Progress {
  const bars = new MultiBar(
    {
      stream: stream as NodeJS.WritableStream & { isTTY: true },
      format: `${label} [{bar}] {value}/{total} ids`,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      // Redraw at most 10 times a second: a bar must not cost more than the deletes it shows.
      fps: 10,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  const bar: SingleBar = bars.create(expected, 0);
  let read = 0;
  let done = 0;
  return {
    read() {
      read++;
      if (read > expected) bar.setTotal(read);
    },
    settled() {
      done++;
      bar.update(done);
    },
    log(line) {
      bars.log(`${line}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}
