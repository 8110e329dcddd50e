/**
 * The credentials a command sends: from the same env vars the client reads, or typed at a hidden
 * prompt. Never from an argument: a key on the command line lands in shell history and `ps`.
 */
import type { ApiSpec, OperationSpec } from "../spec.js";
import { type PromptStreams, promptHidden } from "./prompt.js";

export interface CredentialOption {
  /** The client option it fills (`apiKey`, `token`, `username`). */
  readonly option: string;
  readonly env: string;
}

/** The credential options of each way the operation may authenticate, in the spec's order. */
export function credentialAlternatives(spec: ApiSpec, operation: OperationSpec): CredentialOption[][] {
  return operation.security.map((requirement) =>
    requirement.flatMap((scheme) => spec.securitySchemes[scheme]?.options ?? []),
  );
}

type Env = Readonly<Record<string, string | undefined>>;

/** Client options for every credential the env holds, or `undefined` when no alternative is complete. */
export function credentialsFromEnv(
  alternatives: readonly CredentialOption[][],
  env: Env,
): Record<string, string> | undefined {
  if (alternatives.length === 0) return {};
  const found: Record<string, string> = {};
  for (const option of alternatives.flat()) {
    const value = env[option.env];
    if (value !== undefined && value !== "") found[option.option] = value;
  }
  const complete = alternatives.some((options) => options.every(({ option }) => found[option] !== undefined));
  return complete ? found : undefined;
}

/** Prompts, without echo, for each option of the first alternative. `undefined` when the operator gave up. */
export async function promptCredentials(
  alternatives: readonly CredentialOption[][],
  streams: PromptStreams,
): Promise<Record<string, string> | undefined> {
  const found: Record<string, string> = {};
  for (const { option, env } of alternatives[0] ?? []) {
    const value = await promptHidden(`${env} (input hidden): `, streams);
    if (value === undefined || value === "") return undefined;
    found[option] = value;
  }
  return found;
}

/**
 * Values a dry run shows in place of absent credentials: each is masked in what is printed, like a
 * real one, so the output looks as a real run's would.
 */
export function placeholderCredentials(alternatives: readonly CredentialOption[][]): Record<string, string> {
  return Object.fromEntries((alternatives[0] ?? []).map(({ option }) => [option, `not-set-${option}-placeholder`]));
}
