/**
 * Reads an env var where there is a `process` (Node, Bun, Deno's compat layer); `undefined` in browsers.
 * Deno without `--allow-env` throws on any read: that too counts as unset, so a client configured
 * entirely through options needs no env permission.
 */
export function readEnv(name: string | undefined): string | undefined {
  if (!name) return undefined;
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}
