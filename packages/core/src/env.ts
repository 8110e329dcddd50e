type ProcessEnv = Record<string, string | undefined>;

function processEnv(): ProcessEnv | undefined {
  return (globalThis as { process?: { env?: ProcessEnv } }).process?.env;
}

/**
 * Reads an env var where there is a `process` (Node, Bun, Deno's compat layer); `undefined` in browsers.
 * Deno without `--allow-env` throws on any read: that too counts as unset, so a client configured
 * entirely through options needs no env permission.
 */
export function readEnv(name: string | undefined): string | undefined {
  if (!name) return undefined;
  try {
    const value = processEnv()?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether env vars can be read here at all. Workers without `nodejs_compat`, browsers and Deno
 * without `--allow-env` cannot, and a message about a missing setting should say so rather than
 * point at a variable the caller may well have set.
 */
export function envReadable(): boolean {
  try {
    const env = processEnv();
    if (typeof env !== "object" || env === null) return false;
    void env.PATH;
    return true;
  } catch {
    return false;
  }
}
