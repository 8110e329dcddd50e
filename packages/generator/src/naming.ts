/**
 * Deterministic names for what the generator emits. Every rule here is documented in the
 * generator's README ("Naming"), because callers type these names.
 */

function words(text: string): string[] {
  // Split camelCase and PascalCase humps too, so `deleteAPIToken` and `delete_api_token` agree.
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** "Access Tokens" → "accessTokens", "API Tokens" → "apiTokens", "delete_access_token" → "deleteAccessToken". */
export function camelCase(text: string): string {
  return words(text)
    .map((part, index) => {
      const lower = part.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
}

/** "apiTokens" → "api-tokens": the words of a CLI command. */
export function kebabCase(text: string): string {
  return words(text).join("-").toLowerCase();
}

/**
 * A helper's command in the package's bin: `apiTokens.delete` → `api-tokens delete`. The bin
 * itself derives the same words at run time (`commandWords` in `@sdkforge/core/cli`, tested to
 * agree); the generator runs before core is built, so it has the rule here too.
 */
export function commandWords(resource: string, method: string): [string, string] {
  return [kebabCase(resource), kebabCase(method)];
}

/** "archil" → "Archil", "digital-ocean" → "DigitalOcean". */
export function pascalCase(text: string): string {
  const camel = camelCase(text);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** "digital-ocean" → "DIGITAL_OCEAN": the prefix of a vendor's env vars. */
export function constantCase(text: string): string {
  return words(text)
    .map((part) => part.toUpperCase())
    .join("_");
}

/** A camelCase name that is a valid identifier: one starting with a digit gets an `op` prefix. */
export function identifier(text: string, fallback: string): string {
  const name = camelCase(text) || fallback;
  return /^[0-9]/.test(name) ? `op${name.charAt(0).toUpperCase()}${name.slice(1)}` : name;
}

const VERSION_SEGMENT = /^v\d+([a-z]+\d*)?$/i;

/**
 * The resource of an untagged operation: the camelCase of its path's first literal segment,
 * skipping `api` and version segments (`v1`, `v2beta1`); `root` when nothing is left.
 * `/v2/droplets/{id}` → `droplets`, `/api/tokens/{id}` → `tokens`.
 */
export function resourceFromPath(path: string): string {
  const literal = path
    .split("/")
    .filter((segment) => segment && !segment.includes("{"))
    .find((segment) => segment.toLowerCase() !== "api" && !VERSION_SEGMENT.test(segment));
  return literal ? identifier(literal, "root") : "root";
}

/**
 * The method name of an operation that shares its resource with other DELETEs: the camelCase of
 * the operationId's part after its last `/` (Octokit's rule: `repos/delete-branch-protection` →
 * `deleteBranchProtection`); without an operationId, `delete` plus the path's literal segments
 * (`DELETE /disks/{id}/users/{userId}` → `deleteDisksUsers`).
 */
export function methodFromOperation(operationId: string | undefined, path: string): string {
  if (operationId) {
    const last = operationId.split("/").pop() ?? operationId;
    return identifier(last, "delete");
  }
  const literals = path.split("/").filter((segment) => segment && !segment.includes("{"));
  return identifier(["delete", ...literals].join(" "), "delete");
}
