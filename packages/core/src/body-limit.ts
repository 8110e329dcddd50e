/**
 * How much of a response body the client reads. A DELETE's answer is a few hundred bytes; a
 * server (or proxy) that sends megabytes, an endless stream or a compression bomb is either broken
 * or hostile, and reading it all would exhaust memory long before any timeout fired.
 */
import { InvalidArgumentError } from "./errors.js";

/** 64 KiB of decompressed body: two orders of magnitude above any documented delete answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 65_536;
/** Reading more than this in one call is never a delete's answer. */
const MAX_RESPONSE_BYTES_LIMIT = 1_073_741_824;

export function checkMaxResponseBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_RESPONSE_BYTES_LIMIT) {
    throw new InvalidArgumentError(
      "maxResponseBytes",
      `\`maxResponseBytes\` must be an integer from 1 to ${MAX_RESPONSE_BYTES_LIMIT} (1 GiB).`,
    );
  }
  return value;
}
