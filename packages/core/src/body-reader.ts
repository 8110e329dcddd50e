/**
 * Reads a response body under a byte limit, counted on the bytes `fetch` hands over, which are
 * already decompressed: a 1 kB brotli bomb counts for what it expands to. The limit is enforced
 * while streaming, so at most one chunk past it is ever held; then the stream is cancelled and the
 * connection aborted.
 */

export interface BodyRead {
  /** The body as UTF-8 text; only its first `limit` bytes when `truncated`. */
  readonly text: string;
  /** The body was longer than the limit, so reading stopped there. */
  readonly truncated: boolean;
}

const EMPTY: BodyRead = { text: "", truncated: false };
const decoder = new TextDecoder();

function isIdentity(encoding: string | null): boolean {
  return encoding === null || encoding.trim() === "" || encoding.trim().toLowerCase() === "identity";
}

/**
 * Whether the body can be read in one call: a declared, uncompressed length within the limit
 * cannot grow past it (fetch enforces the length). Keeps small answers as cheap as before.
 */
export function fitsDeclaredLength(response: Response, limit: number): boolean {
  const declared = response.headers.get("content-length");
  return declared !== null && Number(declared) <= limit && isIdentity(response.headers.get("content-encoding"));
}

export async function readBody(response: Response, limit: number, abortConnection: () => void): Promise<BodyRead> {
  const stream = response.body;
  if (stream === null) return EMPTY;
  if (fitsDeclaredLength(response, limit)) return { text: await response.text(), truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - total));
      total = limit;
      truncated = true;
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  if (truncated) {
    // Cancelling releases the stream; aborting also tears the connection down, so the server
    // stops sending and the socket is not reused with half a body in it.
    reader.cancel().catch(() => {});
    abortConnection();
  }
  return { text: decodeChunks(chunks, total), truncated };
}

function decodeChunks(chunks: readonly Uint8Array[], total: number): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(bytes);
}
