import { readFile } from "node:fs/promises";
import { parseIdList, uniqueIds } from "./id-list.js";

export interface IdSources {
  /** Ids given as command-line arguments. */
  positional: readonly string[];
  /** A file with one id per line (`--file`). */
  file?: string;
  /** Standard input, when the caller decided to read it (piped, or `-`). */
  stdin?: AsyncIterable<string | Uint8Array>;
}

/**
 * Gathers ids from every source the operator gave, in argument, file, stdin order,
 * without duplicates. Arguments are taken verbatim; file and stdin use the
 * line format of {@link parseIdList}.
 */
export async function collectIds(sources: IdSources): Promise<string[]> {
  const ids = [...sources.positional];
  if (sources.file !== undefined) ids.push(...parseIdList(await readFile(sources.file, "utf8")));
  if (sources.stdin !== undefined) ids.push(...parseIdList(await readAll(sources.stdin)));
  return uniqueIds(ids);
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
