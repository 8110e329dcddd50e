/**
 * Which of core's optional runtime pieces (`SpecFeatures`) a document needs, so that its generated
 * `spec.ts` imports those and nothing else: a client then bundles a form encoder, a basic-auth
 * encoder or the server-variable filler only when its document has a use for one. Core refuses a client whose spec lacks one its
 * document needs, so a rule here that fell behind core's would fail every test of that vendor.
 */
import type { ApiSpec, SpecFeatures } from "@sdkforge/core";

/** openapi-fetch's own serializer carries these; anything else needs `encodeBody`. */
const plainJson = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() === "application/json";

/** The feature names `spec` needs, sorted: non-JSON request bodies, credentials not sent in a header, server variables. */
export function specFeatures(
  spec: Pick<ApiSpec, "operations" | "securitySchemes" | "servers">,
): (keyof SpecFeatures)[] {
  const needed = new Set<keyof SpecFeatures>();
  const servers = [...spec.servers];
  for (const { body, servers: own } of Object.values(spec.operations)) {
    if (body && !plainJson(body.contentType)) needed.add("encodeBody");
    servers.push(...(own ?? []));
  }
  if (servers.some((server) => server.variables !== undefined)) needed.add("serverVariables");
  for (const scheme of Object.values(spec.securitySchemes)) {
    if (scheme.kind === "basic") needed.add("basicCredential");
    else if (scheme.in === "query") needed.add("queryCredential");
    else if (scheme.in === "cookie") needed.add("cookieCredential");
  }
  return [...needed].sort();
}
