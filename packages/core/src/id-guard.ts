/**
 * Refuses an id that is really a credential, before it is sent. Someone holding a leaked key
 * naturally writes `apiTokens.delete("key-live_…")`: the key would travel in the URL path (into
 * access logs and proxies), the API would answer 404, and with `missingOk` the call would report
 * the key as revoked while it stays live.
 */
import { InvalidArgumentError } from "./errors.js";

export interface CredentialFacts {
  /** The client's own credential in every form it is held in (header value, as given, bare). */
  readonly secrets: readonly string[];
  /** Prefixes that mark a credential of this scheme, e.g. `key-`. */
  readonly prefixes: readonly string[];
}

/** Throws `InvalidArgumentError` when `id` is one of the secrets or starts with a credential prefix. Never echoes it. */
export function refuseCredentialAsId(argument: string, id: unknown, facts: CredentialFacts): void {
  if (typeof id !== "string" && typeof id !== "number") return;
  const text = String(id);
  const lower = text.toLowerCase();
  const prefix = facts.prefixes.find((candidate) => lower.startsWith(candidate.toLowerCase()));
  const isOwn = facts.secrets.some((secret) => secret !== "" && secret === text);
  if (prefix === undefined && !isOwn) return;
  const what = isOwn
    ? "is this client's own credential"
    : `starts with \`${prefix?.trim()}\`, the prefix of a credential, so it is a secret`;
  throw new InvalidArgumentError(
    argument,
    `Invalid \`${argument}\`: the value ${what}, not an id. Pass the token's id (as listed by the API), ` +
      "not the token itself; nothing was sent.",
  );
}
