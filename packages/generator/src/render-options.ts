/**
 * `src/generated/options.ts`: the constructor options a document implies — one per credential
 * (named after its security scheme's kind), the region when servers name one, and one per server
 * variable — each documented with its env var and default.
 */
import { literal, quotedInComment } from "./escape.ts";
import type { VendorFacts } from "./facts.ts";
import { docComment } from "./jsdoc.ts";

function where(credential: VendorFacts["credentials"][number]): string {
  return credential.in === "header"
    ? `the \`${credential.name}\` header`
    : `the ${credential.in} parameter \`${credential.name}\``;
}

export function renderOptions(banner: string, facts: VendorFacts): string {
  const members: string[] = [];
  for (const credential of facts.credentials) {
    const what =
      credential.option.endsWith("sername") || credential.option === "username"
        ? "User name for HTTP basic auth"
        : credential.option.endsWith("assword")
          ? "Password for HTTP basic auth"
          : credential.type === "apiKey"
            ? "API key"
            : "Bearer token";
    const prefix =
      credential.prefix.trim() && credential.type === "apiKey"
        ? `, with or without its \`${credential.prefix}\` prefix`
        : "";
    members.push(
      `${docComment(
        [
          `${what}${prefix} (security scheme \`${credential.scheme}\`), sent in ${where(credential)}.`,
          credential.description,
          `Default: the \`${credential.env}\` env var. Without it, helpers whose operation needs this credential refuse to send.`,
        ],
        "  ",
      )}  ${credential.option}?: string | undefined;\n`,
    );
  }
  if (facts.regions.length > 0) {
    members.push(
      `${docComment(
        [
          `Region, picking one of the spec's servers. Default: \`${facts.spec.env}_REGION\`, then the first server. \`baseUrl\` overrides it.`,
        ],
        "  ",
      )}  region?: Region | undefined;\n`,
    );
  }
  for (const option of facts.serverOptions) {
    const type = option.enum ? option.enum.map((value) => literal(value)).join(" | ") : "string";
    members.push(
      `${docComment(
        [
          `Server variable \`{${option.variable}}\` of the server URL.`,
          option.description,
          `Default: ${literal(option.default)}. \`baseUrl\` overrides it.`,
        ],
        "  ",
      )}  ${option.option}?: ${type} | undefined;\n`,
    );
  }
  const needsRegion = facts.regions.length > 0 ? `import type { Region } from "./spec.js";\n\n` : "";
  return `${banner}${needsRegion}/** The options of the client that come from ${quotedInComment(facts.spec.title)}: credentials and server choices. */
export interface SpecOptions {
${members.join("")}}
`;
}
